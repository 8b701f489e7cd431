import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  APP_ENTRY,
  APP_ORIGIN,
  appFileFor,
  externalAllowed,
  ipcSenderAllowed,
  navigationAllowed,
  originOf,
  permissionAllowed,
  rendererEntry,
  terminalGuard,
} from '../../electron/main/security'

const DEV = 'http://localhost:5173/'

describe('Electron window security decisions', () => {
  it('loads app:// when packaged, whatever ELECTRON_RENDERER_URL says; the dev server only in development and on this machine', () => {
    expect(rendererEntry({ isPackaged: true, envUrl: DEV })).toEqual({ url: APP_ENTRY, origin: APP_ORIGIN })
    expect(rendererEntry({ isPackaged: true })).toEqual({ url: 'app://desk/index.html', origin: 'app://desk' })
    expect(rendererEntry({ isPackaged: false, envUrl: DEV })).toEqual({ url: DEV, origin: 'http://localhost:5173' })
    expect(rendererEntry({ isPackaged: false, envUrl: 'https://evil.example/' })).toEqual({ url: APP_ENTRY, origin: APP_ORIGIN })
    expect(rendererEntry({ isPackaged: false, envUrl: 'file:///tmp/x.html' })).toEqual({ url: APP_ENTRY, origin: APP_ORIGIN })
    expect(rendererEntry({ isPackaged: false, envUrl: 'not a url' })).toEqual({ url: APP_ENTRY, origin: APP_ORIGIN })
  })

  it('origins, app:// included (Node gives "null" for it)', () => {
    expect(new URL('app://desk/x').origin).toBe('null')
    expect(originOf('app://desk/units/1?x=1#y')).toBe('app://desk')
    expect(originOf('APP://DESK/')).toBe('app://desk')
    expect(originOf('app://desk.evil/')).toBe('app://desk.evil')
    expect(originOf('app://user@desk/')).toBeNull()
    expect(originOf('::')).toBeNull()
  })

  it('will-navigate / will-redirect: nothing but the desk’s own origin', () => {
    expect(navigationAllowed('app://desk/index.html', APP_ORIGIN)).toBe(true)
    expect(navigationAllowed('app://desk/units/3', APP_ORIGIN)).toBe(true)
    for (const url of ['file:///etc/passwd', 'file:///C:/Users/x/out/renderer/index.html', 'https://evil.example/', 'http://localhost:5173/', 'app://desk.evil/', 'javascript:alert(1)', 'data:text/html,<h1>x', 'about:blank', 'app://desk@evil.example/']) {
      expect(navigationAllowed(url, APP_ORIGIN), url).toBe(false)
    }
    expect(navigationAllowed('http://localhost:5173/x', 'http://localhost:5173')).toBe(true)
  })

  it('IPC is answered only for the desk window’s top frame showing the desk origin', () => {
    const ok = { frameUrl: 'app://desk/index.html', isTopFrame: true, isDeskWindow: true }
    expect(ipcSenderAllowed(ok, APP_ORIGIN)).toBe(true)
    expect(ipcSenderAllowed({ ...ok, frameUrl: 'file:///tmp/evil.html' }, APP_ORIGIN)).toBe(false)
    expect(ipcSenderAllowed({ ...ok, frameUrl: 'https://evil.example/' }, APP_ORIGIN)).toBe(false)
    expect(ipcSenderAllowed({ ...ok, frameUrl: undefined }, APP_ORIGIN)).toBe(false)
    expect(ipcSenderAllowed({ ...ok, isTopFrame: false }, APP_ORIGIN)).toBe(false)
    expect(ipcSenderAllowed({ ...ok, isDeskWindow: false }, APP_ORIGIN)).toBe(false)
    // In development the dev server's origin, and only it.
    expect(ipcSenderAllowed({ ...ok, frameUrl: 'http://localhost:5173/' }, 'http://localhost:5173')).toBe(true)
    expect(ipcSenderAllowed({ ...ok, frameUrl: 'http://localhost:5174/' }, 'http://localhost:5173')).toBe(false)
  })

  it('denies every browser permission (the desk uses none)', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'display-capture', 'idle-detection', 'storage-access']) {
      expect(permissionAllowed(p, 'app://desk/index.html', APP_ORIGIN), p).toBe(false)
    }
  })

  it('opens outside pages only from the allow-list, https only', () => {
    expect(externalAllowed('https://help.example.cn/guide')).toBe(false) // the list is empty today
    const list = ['https://help.example.cn']
    expect(externalAllowed('https://help.example.cn/guide', list)).toBe(true)
    expect(externalAllowed('http://help.example.cn/guide', list)).toBe(false)
    expect(externalAllowed('https://help.example.cn.evil.example/', list)).toBe(false)
    expect(externalAllowed('file:///C:/Windows/System32/calc.exe', list)).toBe(false)
    expect(externalAllowed('smb://server/share', list)).toBe(false)
    expect(externalAllowed('https://user@help.example.cn/', list)).toBe(false)
  })

  it('app:// serves only files inside the renderer folder; other paths are the app page', () => {
    const root = path.resolve('/opt/desk/out/renderer')
    const files = new Set([path.join(root, 'index.html'), path.join(root, 'assets', 'index.js')])
    const isFile = (f: string) => files.has(f)
    expect(appFileFor(root, 'app://desk/assets/index.js', isFile)).toBe(path.join(root, 'assets', 'index.js'))
    expect(appFileFor(root, 'app://desk/', isFile)).toBe(path.join(root, 'index.html'))
    expect(appFileFor(root, 'app://desk/units/12', isFile)).toBe(path.join(root, 'index.html'))
    expect(appFileFor(root, 'app://desk/..%2frenderer-old%2fsecret.txt', isFile)).toBeNull()
    // The URL parser folds %2e%2e segments at the root: never above it.
    expect(appFileFor(root, 'app://desk/%2e%2e/%2e%2e/main/index.js', isFile)).toBe(path.join(root, 'index.html'))
    expect(appFileFor(root, 'app://desk/%E0%A4%A', isFile)).toBeNull()
    expect(appFileFor(root, 'app://other/index.html', isFile)).toBeNull()
    expect(appFileFor(root, 'file:///opt/desk/out/renderer/index.html', isFile)).toBeNull()
  })

  it('the print/open dialog only for a live session', async () => {
    const live = new Set(['good-token'])
    const valid = async (t: string) => live.has(t)
    expect(await terminalGuard('good-token', valid)).toBeNull()
    for (const t of [null, undefined, '', 'stale-token', 42, { token: 'good-token' }]) {
      expect(await terminalGuard(t, valid)).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '未登录或登录已过期,请重新登录' } })
    }
  })
})
