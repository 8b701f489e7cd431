import fs from 'node:fs'
import path from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron'
import Store from 'electron-store'
import { DEFAULT_SYNC_PORT, loadOrCreateIdentity } from '../core/sync/net'
import { openCore, type Core } from '../core/app'
import type { StoredHeads } from '../core/audit/heads'
import { newId } from '../core/ids'
import { checkDataFolder, lockDataFolder, startFailure, type DataLock } from '../host/dataFolder'
import { DESK_CSP, mimeOf, SECURITY_HEADERS } from '../host/door'
import { APP_DIR_NAME } from '../host/paths'
import { isTerminalMethod } from '../../shared/terminal/api'
import { defaultPrinterName, pdfDeliverer, printPdfFile, terminalCall, tempWriter, type PrinterEntry } from './pdfDelivery'
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  appFileFor,
  externalAllowed,
  FOREIGN_CALLER,
  ipcSenderAllowed,
  navigationAllowed,
  permissionAllowed,
  rendererEntry,
  terminalGuard,
} from './security'

// Same user-data folder as host mode, so both open the same desk.sqlite.
app.setPath('userData', path.join(app.getPath('appData'), APP_DIR_NAME))

interface TerminalStore {
  terminalId?: string
  terminalName?: string
  bounds?: { x?: number; y?: number; width: number; height: number }
  /** The printer last used per form kind (交接班记录表, 装修许可证 …): `printers.<kind>`. */
  printers?: Record<string, string>
  /** The audit chains' heads, outside the database (electron/core/audit/heads.ts). */
  auditHeads?: StoredHeads
}

// A second window of the same user only hands the focus to the first (second-instance below).
const primary = app.requestSingleInstanceLock()
if (!primary) app.quit()
// Before ready: app:// is a standard, secure origin of its own (storage, fetch, ES modules).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])

let core: Core | null = null
let win: BrowserWindow | null = null
let lock: DataLock | null = null
/** IPC calls still running: the database closes only after they have finished. */
let running = 0
let idle: (() => void) | null = null

async function start() {
  const dataDir = app.getPath('userData')
  let store: Store<TerminalStore>
  try {
    // The same checks and folder lock as host mode: the window and a host-mode process never share the database.
    checkDataFolder(dataDir)
    lock = await lockDataFolder(dataDir, '桌面窗口')
    store = new Store<TerminalStore>({ name: 'terminal', cwd: dataDir })
    if (!store.get('terminalId')) store.set({ terminalId: newId(), terminalName: '前台终端' })
    core = await openCore({
      dataDir,
      terminalId: store.get('terminalId')!,
      terminalName: store.get('terminalName'),
      auditHeads: { read: () => store.get('auditHeads'), write: (v) => store.set('auditHeads', v) },
      migrationsDir: path.join(app.getAppPath(), 'drizzle'),
      autoBackup: true,
      // LAN sync (issue H): this terminal's certificate, made at first start; the port listens once sync is on.
      identity: await loadOrCreateIdentity(dataDir),
      sync: { port: DEFAULT_SYNC_PORT },
    })
  } catch (e) {
    const { message, expected } = startFailure(e, dataDir)
    if (!expected) console.error('[desk] 启动失败', e)
    dialog.showErrorBox('物业前台无法启动', message)
    await lock?.release()
    app.exit(2)
    return
  }
  const entry = rendererEntry({ isPackaged: app.isPackaged, envUrl: process.env.ELECTRON_RENDERER_URL })
  const rendererDir = path.join(__dirname, '../renderer')
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFileFor(rendererDir, request.url, (f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile() ?? false)
    const body = file ? await fs.promises.readFile(file).catch(() => null) : null
    if (!file || !body) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS })
    return new Response(body, { headers: { 'content-type': mimeOf(file), ...SECURITY_HEADERS } })
  })
  // PDFs the core made: print (printer remembered per form kind) or open — answered here, not by the core.
  const deliverPdf = pdfDeliverer({
    listPrinters: async (): Promise<PrinterEntry[]> => {
      if (!win) return []
      const [printers, def] = await Promise.all([win.webContents.getPrintersAsync(), defaultPrinterName()])
      return printers.map((p) => ({ name: p.name, label: p.displayName || p.name, isDefault: p.name === def }))
    },
    ask: async (buttons, message) => {
      const opts = { type: 'question' as const, title: '打印', message, buttons, defaultId: 0, cancelId: buttons.length - 1, noLink: true }
      return (win ? await dialog.showMessageBox(win, opts) : await dialog.showMessageBox(opts)).response
    },
    printFile: printPdfFile,
    openFile: async (file) => {
      const problem = await shell.openPath(file)
      if (problem) throw new Error(problem)
    },
    writeTemp: tempWriter(path.join(app.getPath('temp'), 'wuye-desk')),
    store: {
      get: (kind) => store.get('printers')?.[kind],
      set: (kind, printer) => store.set('printers', { ...store.get('printers'), [kind]: printer }),
    },
  })
  const sessionValid = async (token: string) => !!core && (await core.call('auth.me', undefined, token)).ok
  ipcMain.handle('desk:call', async (event, method: unknown, input: unknown, token: unknown) => {
    // Only our own page, in our own window's top frame, may call the desk.
    const frame = event.senderFrame
    const sender = { frameUrl: frame?.url, isTopFrame: !!frame && frame.parent === null, isDeskWindow: !!win && event.sender === win.webContents }
    if (!ipcSenderAllowed(sender, entry.origin)) return FOREIGN_CALLER
    const desk = core
    if (!desk) return { ok: false, error: { code: 'BUSY', message: '前台程序正在关闭,本次操作未执行' } }
    running++
    try {
      const name = String(method)
      // `terminal.*`: this PC's printers and files, answered by the main process (shared/terminal/api) — for a logged-in person only.
      if (isTerminalMethod(name)) return (await terminalGuard(token, sessionValid)) ?? (await terminalCall(name, input, deliverPdf))
      return await desk.call(name, input, typeof token === 'string' ? token : null)
    } finally {
      if (--running === 0) idle?.()
    }
  })
  // The dev server's pages get the same CSP as app:// (which sets its own headers).
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DESK_CSP] } })
  })
  // No camera, microphone, notifications … (security.ts: PERMISSIONS_USED).
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) => callback(permissionAllowed(permission, details.requestingUrl, entry.origin)))
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, entry.origin))
  const bounds = store.get('bounds') ?? { width: 1360, height: 860 }
  win = new BrowserWindow({
    ...bounds,
    minWidth: 1100,
    minHeight: 700,
    title: '物业前台',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  win.once('ready-to-show', () => win?.show())
  win.on('close', () => win && store.set('bounds', win.getBounds()))
  // No new windows; an allowed outside page (security.ts: EXTERNAL_ORIGINS) opens in the PC's browser.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (externalAllowed(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (e, url) => {
    if (!navigationAllowed(url, entry.origin)) e.preventDefault()
  })
  win.webContents.on('will-redirect', (e, url) => {
    if (!navigationAllowed(url, entry.origin)) e.preventDefault()
  })
  win.webContents.on('will-attach-webview', (e) => e.preventDefault())
  await win.loadURL(entry.url)
}

/** Window closed: running calls finish, then the database closes and the folder is freed; exit 0. */
let quitting: Promise<void> | null = null
function closeAndQuit() {
  quitting ??= (async () => {
    if (running > 0) await new Promise<void>((r) => ((idle = r), setTimeout(r, 10_000)))
    await core?.close().catch((e: unknown) => console.error('[desk] 关闭数据库时出错', e))
    core = null
    await lock?.release()
    app.exit(0)
  })()
  return quitting
}

app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore()
    win.focus()
  }
})
app.whenReady().then(() => (primary ? start() : undefined))
app.on('window-all-closed', () => void closeAndQuit())
process.on('SIGTERM', () => void closeAndQuit())
// Quit from the menu or the OS (logout, SIGTERM): same order, once.
app.on('before-quit', (e) => {
  if (core) {
    e.preventDefault()
    void closeAndQuit()
  }
})
