/**
 * Host mode: the desk core + built renderer served on http://127.0.0.1:<port>, for machines where
 * Electron's binary is not available, and for end-to-end tests in a real browser.
 *   tsx electron/host/main.ts [--port 5780] [--data-dir DIR] [--bind 127.0.0.1]
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openCore } from '../core/app'
import { DbStartError } from '../core/errors'
import { defaultDataDir } from './paths'
import { createHostServer } from './server'
import { terminalSettings } from './terminal'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : undefined
}

async function main() {
  const t0 = performance.now()
  const dataDir = path.resolve(arg('data-dir') ?? defaultDataDir())
  const port = Number(arg('port') ?? process.env.DESK_PORT ?? 5780)
  const bind = arg('bind') ?? '127.0.0.1'
  const { terminalId } = terminalSettings(dataDir)
  let core
  try {
    core = await openCore({ dataDir, terminalId, migrationsDir: path.join(repo, 'drizzle'), autoBackup: true })
  } catch (e) {
    if (e instanceof DbStartError) {
      console.error(`[desk] 无法启动:${e.message}`)
      process.exit(2)
    }
    throw e
  }
  const server = createHostServer(core, path.join(repo, 'out', 'renderer'))
  server.on('error', (e: NodeJS.ErrnoException) => {
    console.error(e.code === 'EADDRINUSE' ? `[desk] 端口 ${port} 已被占用(可能已有一个前台程序在运行);可用 --port 指定其他端口。` : `[desk] 无法启动服务:${e.message}`)
    void core.close().then(() => process.exit(1))
  })
  server.listen(port, bind, () => {
    const addr = server.address()
    const actual = typeof addr === 'object' && addr ? addr.port : port
    console.log(`[desk] 数据库:${core.dbFile}`)
    if (core.migration.applied.length) console.log(`[desk] 已应用迁移:${core.migration.applied.join(', ')}${core.migration.backup ? `(升级前备份 ${core.migration.backup})` : ''}`)
    console.log(`[desk] 数据库打开与迁移 ${core.openMs.toFixed(0)} ms;启动共 ${(performance.now() - t0).toFixed(0)} ms`)
    console.log(`[desk] 主机模式已启动:http://${bind}:${actual}/`)
  })
  const stop = () => {
    server.close()
    void core.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()
