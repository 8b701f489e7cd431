import type { Result } from '../../shared/api/contract'
import { decodePath, fileInside } from '../host/door'

/**
 * The Electron window's security decisions, as pure functions (no `electron` import: index.ts
 * wires them to the protocol, IPC, navigation, permission and shell hooks; tests call them directly).
 */

/** The renderer is served from app://desk/ — a real origin of its own, unlike file:// (every local file). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'desk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY = `${APP_ORIGIN}/index.html`

/** Privileges of app:// (protocol.registerSchemesAsPrivileged): a standard, secure origin for fetch, storage and modules. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } as const

/**
 * The origin of a URL, for app:// too (Node's URL gives "null" as the origin of non-special
 * schemes). Null when the URL does not parse.
 */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    if (u.username || u.password) return null
    return `${u.protocol}//${u.host}`.toLowerCase()
  } catch {
    return null
  }
}

const isLoopbackHttp = (url: string) => {
  try {
    const u = new URL(url)
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)
  } catch {
    return false
  }
}

/**
 * What the window loads: electron-vite's dev server (ELECTRON_RENDERER_URL) only in development —
 * in a packaged app an environment variable must not be able to point the desk at another page —
 * and only on this machine; otherwise the built renderer through app://.
 */
export function rendererEntry(opts: { isPackaged: boolean; envUrl?: string }): { url: string; origin: string } {
  if (!opts.isPackaged && opts.envUrl && isLoopbackHttp(opts.envUrl)) return { url: opts.envUrl, origin: originOf(opts.envUrl)! }
  return { url: APP_ENTRY, origin: APP_ORIGIN }
}

/** The window may only show pages of its own origin (will-navigate, will-redirect, new windows). */
export function navigationAllowed(url: string, origin: string): boolean {
  return originOf(url) === origin
}

/**
 * An IPC call is answered only when it comes from the desk's own window, from its top frame,
 * showing the desk's own origin: not from an iframe, a navigated-away page or another window.
 */
export function ipcSenderAllowed(sender: { frameUrl: string | undefined; isTopFrame: boolean; isDeskWindow: boolean }, origin: string): boolean {
  return sender.isDeskWindow && sender.isTopFrame && !!sender.frameUrl && originOf(sender.frameUrl) === origin
}

/**
 * Browser permissions the desk uses: none (no camera — photos are files; no microphone, location,
 * notifications, MIDI, USB, HID, serial, clipboard read, or pointer lock). Printing and opening
 * PDFs go through the main process, not a web permission. Add a name here only with the screen that needs it.
 */
export const PERMISSIONS_USED: ReadonlySet<string> = new Set<string>()

export function permissionAllowed(permission: string, requestingUrl: string | undefined, origin: string): boolean {
  return PERMISSIONS_USED.has(permission) && !!requestingUrl && originOf(requestingUrl) === origin
}

/**
 * Outside pages the desk may open in the PC's browser (shell.openExternal): https only, these
 * origins only. None today; a help or policy page would be listed here.
 */
export const EXTERNAL_ORIGINS: readonly string[] = []

export function externalAllowed(url: string, allowed: readonly string[] = EXTERNAL_ORIGINS): boolean {
  const o = originOf(url)
  return !!o && o.startsWith('https://') && allowed.map((a) => a.toLowerCase()).includes(o)
}

/**
 * The file an app:// request names inside the built renderer, or null (another host, a malformed
 * escape, outside the folder). Paths that are not files are screens of the single-page app: index.html.
 */
export function appFileFor(rendererDir: string, requestUrl: string, isFile: (file: string) => boolean): string | null {
  let u: URL
  try {
    u = new URL(requestUrl)
  } catch {
    return null
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null
  const decoded = decodePath(u.pathname)
  if (decoded === null) return null
  const file = fileInside(rendererDir, decoded)
  if (!file) return null
  return isFile(file) ? file : fileInside(rendererDir, '/index.html')
}

/**
 * `terminal.*` (the print/open dialog, files on this PC) only for someone logged in: the same
 * session the core checks. Null when the call may go ahead.
 */
export async function terminalGuard(token: unknown, sessionValid: (token: string) => Promise<boolean>): Promise<Result<never> | null> {
  if (typeof token === 'string' && token && (await sessionValid(token))) return null
  return { ok: false, error: { code: 'UNAUTHENTICATED', message: '未登录或登录已过期,请重新登录' } }
}

export const FOREIGN_CALLER: Result<never> = { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自外部页面的调用' } }
