/**
 * Host mode: the desk core + built renderer served on http://127.0.0.1:<port>, for machines where
 * Electron's binary is not available, and for end-to-end tests in a real browser.
 *   tsx electron/host/main.ts [--port 5780] [--data-dir DIR] [--bind 127.0.0.1] [--allow-host NAME …]
 * Exit codes: 0 normal stop (SIGTERM, SIGINT), 1 cannot serve (port taken, unexpected error),
 * 2 refused to open the data (folder in use, not writable, database it must not touch).
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_SYNC_PORT, loadOrCreateIdentity } from '../core/sync/net'
import { openCore, type Core } from '../core/app'
import { checkDataFolder, lockDataFolder, startFailure, type DataLock } from './dataFolder'
import { defaultDataDir } from './paths'
import { createHostServer } from './server'
import { terminalSettings } from './terminal'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : undefined
}
function args(name: string): string[] {
  return process.argv.flatMap((a, i) => (a === `--${name}` && process.argv[i + 1] ? [process.argv[i + 1]] : []))
}

/** A start that failed: one line in Chinese saying what and where; no stack trace for expected causes. */
function refuseStart(e: unknown, dataDir: string): never {
  const { message, expected } = startFailure(e, dataDir)
  if (expected) {
    console.error(`[desk] 无法启动:${message}`)
    process.exit(2)
  }
  console.error(`[desk] 无法启动:${message}`, e)
  process.exit(1)
}

async function main() {
  const t0 = performance.now()
  const dataDir = path.resolve(arg('data-dir') ?? defaultDataDir())
  const port = Number(arg('port') ?? process.env.DESK_PORT ?? 5780)
  const bind = arg('bind') ?? '127.0.0.1'
  const allowedHosts = [...args('allow-host'), ...(process.env.DESK_ALLOW_HOSTS ?? '').split(',').map((s) => s.trim()).filter(Boolean)]
  let core: Core
  let lock: DataLock
  try {
    checkDataFolder(dataDir)
    lock = await lockDataFolder(dataDir, '主机模式')
  } catch (e) {
    refuseStart(e, dataDir)
  }
  try {
    const { terminalId, terminalName, auditHeads } = terminalSettings(dataDir)
    // LAN sync (issue H): the terminal's certificate is made at first start; the sync port listens
    // (on DESK_SYNC_HOST, default the LAN) only once sync is switched on. DESK_SYNC_PORT=0 = any free port.
    const identity = await loadOrCreateIdentity(dataDir)
    const syncPort = Number(process.env.DESK_SYNC_PORT ?? DEFAULT_SYNC_PORT)
    const syncHost = process.env.DESK_SYNC_HOST ?? '0.0.0.0'
    const advertise = syncHost === '0.0.0.0' ? undefined : (p: number) => [`${syncHost}:${p}`]
    core = await openCore({ dataDir, terminalId, terminalName, auditHeads, migrationsDir: path.join(repo, 'drizzle'), autoBackup: true, identity, sync: { host: syncHost, port: syncPort, advertise } })
  } catch (e) {
    await lock.release()
    refuseStart(e, dataDir)
  }
  const server = createHostServer(core, path.join(repo, 'out', 'renderer'), { allowedHosts })

  let stopping: Promise<void> | null = null
  /** Stops in order: no new requests, running ones finish, the database closes, the folder is freed. */
  const stop = (code: number) => {
    stopping ??= (async () => {
      await server.stop(10_000)
      await core.close().catch((e: unknown) => console.error('[desk] 关闭数据库时出错', e))
      await lock.release()
      process.exit(code)
    })()
    return stopping
  }
  server.on('error', (e: NodeJS.ErrnoException) => {
    console.error(e.code === 'EADDRINUSE' ? `[desk] 端口 ${port} 已被占用(可能已有一个前台程序在运行);可用 --port 指定其他端口。` : `[desk] 无法启动服务:${e.message}`)
    void stop(1)
  })
  server.listen(port, bind, () => {
    const addr = server.address()
    const actual = typeof addr === 'object' && addr ? addr.port : port
    console.log(`[desk] 数据库:${core.dbFile}`)
    if (core.migration.applied.length) console.log(`[desk] 已应用迁移:${core.migration.applied.join(', ')}${core.migration.backup ? `(升级前备份 ${core.migration.backup})` : ''}`)
    console.log(`[desk] 数据库打开与迁移 ${core.openMs.toFixed(0)} ms;启动共 ${(performance.now() - t0).toFixed(0)} ms`)
    console.log(`[desk] 主机模式已启动:http://${bind === '0.0.0.0' ? '127.0.0.1' : bind}:${actual}/`)
  })
  process.on('SIGINT', () => void stop(0))
  process.on('SIGTERM', () => void stop(0))
}

void main()
