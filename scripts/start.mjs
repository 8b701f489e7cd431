// npm start: the Electron window where Electron's binary is installed; otherwise (as on machines
// that cannot download it) the same app in host mode on http://127.0.0.1:<port>.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const forceHost = args.includes('--host')
const passArgs = args.filter((a) => a !== '--host')

const build = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
if (build.status !== 0) process.exit(build.status ?? 1)

function electronBinary() {
  try {
    const p = createRequire(import.meta.url)('electron')
    return typeof p === 'string' && fs.existsSync(p) ? p : null
  } catch {
    return null // "Electron failed to install correctly…": the binary was never downloaded
  }
}

/**
 * Electron's install script is not run by npm install (package.json allowScripts: electron false), so
 * that installing works on machines that cannot download the binary. Fetch it here, once, quietly:
 * where the download works the window opens; where it does not, host mode.
 */
function fetchElectron() {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/electron/install.js')], { cwd: root, stdio: 'pipe', timeout: 180_000 })
  return r.status === 0
}

let bin = forceHost ? null : electronBinary()
if (!bin && !forceHost && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && fs.existsSync(path.join(root, 'node_modules/electron/install.js'))) {
  console.log('正在获取 Electron 可执行文件…')
  if (fetchElectron()) bin = electronBinary()
}
let child
if (bin) {
  child = spawn(bin, [root, ...passArgs], { cwd: root, stdio: 'inherit' })
} else {
  if (!forceHost) console.log('未找到 Electron 可执行文件(本机无法下载),改用主机模式:在浏览器中打开下面打印的地址。')
  child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron/host/main.ts'), ...passArgs], { cwd: root, stdio: 'inherit' })
}
// A child ended by a signal it did not handle (kill -9, a crash) is not a normal stop.
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
