import path from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron'
import Store from 'electron-store'
import { openCore, type Core } from '../core/app'
import { DbStartError } from '../core/errors'
import { newId } from '../core/ids'
import { APP_DIR_NAME } from '../host/paths'
import { isTerminalMethod } from '../../shared/terminal/api'
import { defaultPrinterName, pdfDeliverer, printPdfFile, terminalCall, tempWriter, type PrinterEntry } from './pdfDelivery'

// Same user-data folder as host mode, so both open the same desk.sqlite.
app.setPath('userData', path.join(app.getPath('appData'), APP_DIR_NAME))

interface TerminalStore {
  terminalId?: string
  terminalName?: string
  bounds?: { x?: number; y?: number; width: number; height: number }
  /** The printer last used per form kind (交接班记录表, 装修许可证 …): `printers.<kind>`. */
  printers?: Record<string, string>
}

if (!app.requestSingleInstanceLock()) app.quit()

let core: Core | null = null
let win: BrowserWindow | null = null

async function start() {
  const store = new Store<TerminalStore>({ name: 'terminal', cwd: app.getPath('userData') })
  if (!store.get('terminalId')) store.set({ terminalId: newId(), terminalName: '前台终端' })
  try {
    core = await openCore({ dataDir: app.getPath('userData'), terminalId: store.get('terminalId')!, migrationsDir: path.join(app.getAppPath(), 'drizzle'), autoBackup: true })
  } catch (e) {
    dialog.showErrorBox('物业前台无法启动', e instanceof DbStartError ? e.message : String(e))
    app.exit(2)
    return
  }
  const appUrl = process.env.ELECTRON_RENDERER_URL
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
  ipcMain.handle('desk:call', (event, method: unknown, input: unknown, token: unknown) => {
    // Only our own page may call the desk.
    const from = event.senderFrame?.url ?? ''
    if (!(from.startsWith('file://') || (appUrl && from.startsWith(appUrl)))) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自外部页面的调用' } }
    }
    const name = String(method)
    // `terminal.*`: this PC's printers and files, answered by the main process (shared/terminal/api).
    if (isTerminalMethod(name)) return terminalCall(name, input, deliverPdf)
    return core!.call(name, input, typeof token === 'string' ? token : null)
  })
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': ["default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data: blob:; connect-src 'self'"],
      },
    })
  })
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
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:/.test(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-navigate', (e, url) => {
    if (!(url.startsWith('file://') || (appUrl && url.startsWith(appUrl)))) e.preventDefault()
  })
  if (appUrl) await win.loadURL(appUrl)
  else await win.loadFile(path.join(__dirname, '../renderer/index.html'))
}

app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore()
    win.focus()
  }
})
app.whenReady().then(start)
app.on('window-all-closed', () => {
  void core?.close().finally(() => app.quit())
})
