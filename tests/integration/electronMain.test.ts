/**
 * Electron's main process with a fake `electron` (the binary cannot run here): checks that
 * index.ts wires every hook to the decisions of security.ts, with the real core behind IPC.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { lockDataFolder } from '../../electron/host/dataFolder'
import { tempDir } from '../helpers/core'
import { ROOT } from '../helpers/hostProcess'

type Fn = (...a: never[]) => unknown

interface Fake {
  userData: string
  exits: number[]
  errorBoxes: string[]
  appOn: Map<string, Fn>
  schemes: unknown[]
  protocolHandlers: Map<string, (req: { url: string }) => Promise<Response>>
  ipc: Map<string, Fn>
  permissionRequest?: (wc: unknown, permission: string, cb: (ok: boolean) => void, details: { requestingUrl?: string }) => void
  permissionCheck?: (wc: unknown, permission: string, origin: string) => boolean
  windows: FakeWindow[]
  opened: string[]
  messageBoxes: unknown[]
  ready: () => void
  isPackaged: boolean
  singleInstance: boolean
  quits: number
}
interface FakeWindow {
  options: Record<string, unknown>
  loaded: string[]
  webContents: { handlers: Map<string, Fn>; openHandler?: (d: { url: string }) => { action: string } }
}

let fake: Fake

vi.mock('electron', () => {
  const readyP = new Promise<void>((r) => (fake.ready = r))
  class BrowserWindow {
    options: Record<string, unknown>
    loaded: string[] = []
    webContents = {
      handlers: new Map<string, Fn>(),
      openHandler: undefined as undefined | ((d: { url: string }) => { action: string }),
      setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
        this.openHandler = fn
      },
      on(ev: string, fn: Fn) {
        this.handlers.set(ev, fn)
      },
      getPrintersAsync: async () => [],
    }
    constructor(options: Record<string, unknown>) {
      this.options = options
      fake.windows.push(this as unknown as FakeWindow)
    }
    once() {}
    on() {}
    show() {}
    getBounds() {
      return { width: 1360, height: 860 }
    }
    async loadURL(url: string) {
      this.loaded.push(url)
    }
  }
  const app = {
    get isPackaged() {
      return fake.isPackaged
    },
    setPath: () => undefined,
    getPath: (name: string) => (name === 'temp' ? tempDir('desk-fake-temp-') : name === 'appData' ? path.dirname(fake.userData) : fake.userData),
    getAppPath: () => ROOT,
    requestSingleInstanceLock: () => fake.singleInstance,
    quit: () => void fake.quits++,
    exit: (code: number) => void fake.exits.push(code),
    whenReady: () => readyP,
    on: (ev: string, fn: Fn) => void fake.appOn.set(ev, fn),
  }
  return {
    app,
    BrowserWindow,
    dialog: {
      showErrorBox: (_t: string, m: string) => void fake.errorBoxes.push(m),
      showMessageBox: async (...a: unknown[]) => {
        fake.messageBoxes.push(a)
        return { response: 0 }
      },
    },
    ipcMain: { handle: (ch: string, fn: Fn) => void fake.ipc.set(ch, fn) },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => void fake.schemes.push(...s),
      handle: (scheme: string, fn: (req: { url: string }) => Promise<Response>) => void fake.protocolHandlers.set(scheme, fn),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => undefined },
        setPermissionRequestHandler: (fn: Fake['permissionRequest']) => void (fake.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Fake['permissionCheck']) => void (fake.permissionCheck = fn),
      },
    },
    shell: { openExternal: async (url: string) => void fake.opened.push(url), openPath: async () => '' },
  }
})

vi.mock('electron-store', () => ({
  default: class {
    private data: Record<string, unknown> = {}
    get(k: string) {
      return this.data[k]
    }
    set(k: string | Record<string, unknown>, v?: unknown) {
      if (typeof k === 'string') this.data[k] = v
      else Object.assign(this.data, k)
    }
  },
}))

beforeEach(() => {
  vi.resetModules()
  const parent = tempDir('desk-electron-')
  fake = {
    userData: path.join(parent, 'wuye-desk'),
    exits: [],
    errorBoxes: [],
    appOn: new Map(),
    schemes: [],
    protocolHandlers: new Map(),
    ipc: new Map(),
    windows: [],
    opened: [],
    messageBoxes: [],
    ready: () => undefined,
    isPackaged: true,
    singleInstance: true,
    quits: 0,
  }
})
afterEach(async () => {
  process.removeAllListeners('SIGTERM')
  delete process.env.ELECTRON_RENDERER_URL
})

/** Imports index.ts, lets the app become ready, and waits until the window loaded (or start gave up). */
async function boot() {
  await import('../../electron/main/index')
  fake.ready()
  await vi.waitFor(() => expect(fake.windows[0]?.loaded.length || fake.exits.length).toBeGreaterThan(0), { timeout: 20_000 })
  const win = fake.windows[0]
  const call = fake.ipc.get('desk:call') as unknown as (e: unknown, m: unknown, i: unknown, t: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>
  const fromDesk = (url = 'app://desk/index.html') => ({ sender: win.webContents, senderFrame: { url, parent: null } })
  return { win, call, fromDesk }
}

const FIRST_ADMIN = { name: '阳光花园', office: '阳光花园物业服务中心', timeZone: 'Asia/Shanghai', adminStaffNo: 'admin', adminName: '赵敏', adminPin: '246810' }

describe('Electron main process (fake electron, real core)', () => {
  it('registers app:// as a secure standard scheme and loads it, even with ELECTRON_RENDERER_URL set when packaged', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/'
    const { win } = await boot()
    expect(fake.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }])
    expect(win.loaded).toEqual(['app://desk/index.html'])
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
  })

  it('uses the dev server only when not packaged', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/'
    fake.isPackaged = false
    const { win, call } = await boot()
    expect(win.loaded).toEqual(['http://localhost:5173/'])
    // …and then IPC is for that origin, not app:// or any other.
    const ev = (url: string) => ({ sender: win.webContents, senderFrame: { url, parent: null } })
    expect((await call(ev('http://localhost:5173/'), 'setup.status', {}, null)).ok).toBe(true)
    expect((await call(ev('http://localhost:5174/'), 'setup.status', {}, null)).error?.code).toBe('FORBIDDEN')
  })

  it('app:// serves with the security headers and nothing outside the renderer folder', async () => {
    await boot()
    const handle = fake.protocolHandlers.get('app')!
    const outside = await handle({ url: 'app://desk/..%2fmain%2findex.ts' })
    expect(outside.status).toBe(404)
    expect(outside.headers.get('x-content-type-options')).toBe('nosniff')
    expect((await handle({ url: 'app://other/index.html' })).status).toBe(404)
    expect((await handle({ url: 'app://desk/%E0%A4%A' })).status).toBe(404)
  })

  it('answers IPC only from the desk window’s top frame on app://', async () => {
    const { win, call, fromDesk } = await boot()
    expect(await call(fromDesk(), 'setup.status', {}, null)).toEqual({ ok: true, value: { needsSetup: true } })
    const refused = { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自外部页面的调用' } }
    expect(await call(fromDesk('file:///tmp/evil.html'), 'setup.create', FIRST_ADMIN, null)).toEqual(refused)
    expect(await call(fromDesk('https://evil.example/'), 'setup.create', FIRST_ADMIN, null)).toEqual(refused)
    expect(await call({ sender: win.webContents, senderFrame: { url: 'app://desk/index.html', parent: {} } }, 'setup.create', FIRST_ADMIN, null)).toEqual(refused)
    expect(await call({ sender: {}, senderFrame: { url: 'app://desk/index.html', parent: null } }, 'setup.create', FIRST_ADMIN, null)).toEqual(refused)
    expect(await call({ sender: win.webContents, senderFrame: null }, 'setup.create', FIRST_ADMIN, null)).toEqual(refused)
    expect(await call(fromDesk(), 'setup.status', {}, null)).toEqual({ ok: true, value: { needsSetup: true } })
  })

  it('the print/open dialog only with a live session', async () => {
    const { call, fromDesk } = await boot()
    const pdf = { fileName: '交接班记录表-2026-05-01.pdf', pdfBase64: Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64') }
    for (const token of [null, 'forged', 42]) {
      expect((await call(fromDesk(), 'terminal.deliverPdf', pdf, token)).error?.code).toBe('UNAUTHENTICATED')
    }
    expect(fake.messageBoxes).toHaveLength(0)
    await call(fromDesk(), 'setup.create', FIRST_ADMIN, null)
    const login = await call(fromDesk(), 'auth.login', { staffNo: 'admin', pin: '246810' }, null)
    const token = (login.value as { token: string }).token
    const r = await call(fromDesk(), 'terminal.deliverPdf', pdf, token)
    expect(fake.messageBoxes).toHaveLength(1) // the dialog was shown (the fake pressed the first button)
    expect(r.ok).toBe(true)
  })

  it('navigation, new windows, webviews and permissions: all refused but the desk’s own origin', async () => {
    const { win } = await boot()
    const nav = win.webContents.handlers.get('will-navigate') as unknown as (e: { preventDefault(): void }, url: string) => void
    const redirect = win.webContents.handlers.get('will-redirect') as unknown as (e: { preventDefault(): void }, url: string) => void
    const prevented = (fn: typeof nav, url: string) => {
      let p = false
      fn({ preventDefault: () => (p = true) }, url)
      return p
    }
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://localhost:5173/', 'app://desk.evil/']) {
      expect(prevented(nav, url), url).toBe(true)
      expect(prevented(redirect, url), url).toBe(true)
    }
    expect(prevented(nav, 'app://desk/index.html')).toBe(false)
    expect(prevented(win.webContents.handlers.get('will-attach-webview') as never, 'x')).toBe(true)
    expect(win.webContents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(win.webContents.openHandler!({ url: 'file:///C:/Windows/System32/calc.exe' })).toEqual({ action: 'deny' })
    expect(fake.opened).toEqual([])
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      let answer: boolean | undefined
      fake.permissionRequest!({}, p, (ok) => (answer = ok), { requestingUrl: 'app://desk/index.html' })
      expect(answer, p).toBe(false)
      expect(fake.permissionCheck!({}, p, 'app://desk')).toBe(false)
    }
  })

  it('closing the window closes the database and frees the folder, exit 0', async () => {
    const { call, fromDesk } = await boot()
    await expect(lockDataFolder(fake.userData, 'test')).rejects.toMatchObject({ kind: 'IN_USE' })
    const closing = call(fromDesk(), 'setup.status', {}, null)
    ;(fake.appOn.get('window-all-closed') as () => void)()
    expect((await closing).ok).toBe(true)
    await vi.waitFor(() => expect(fake.exits).toEqual([0]))
    // Closed: calls are refused politely, and another program may take the folder.
    expect((await call(fromDesk(), 'setup.status', {}, null)).error?.code).toBe('BUSY')
    const l = await lockDataFolder(fake.userData, 'test')
    await l.release()
  })

  it('a second window of the same user quits quietly (the first gets the focus): no dialog, no database', async () => {
    fake.singleInstance = false
    await import('../../electron/main/index')
    fake.ready()
    await new Promise((r) => setTimeout(r, 300))
    expect(fake.quits).toBe(1)
    expect(fake.errorBoxes).toEqual([])
    expect(fake.windows).toHaveLength(0)
    expect(fs.existsSync(path.join(fake.userData, 'desk.sqlite'))).toBe(false)
  })

  it('refuses to start on a folder another program holds, with the message in a dialog, exit 2', async () => {
    fs.mkdirSync(fake.userData, { recursive: true })
    const other = await lockDataFolder(fake.userData, '主机模式')
    await boot()
    expect(fake.exits).toEqual([2])
    expect(fake.errorBoxes[0]).toContain(`数据文件夹正被另一个前台程序使用(主机模式,进程号 ${process.pid}`)
    expect(fake.windows).toHaveLength(0)
    await other.release()
  })
})
