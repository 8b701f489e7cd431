import path from 'node:path'

/**
 * The decisions of host mode's HTTP door, as pure functions (server.ts applies them; Electron's
 * app:// protocol uses the same static-file rule and CSP).
 */

/**
 * What the built renderer needs and nothing more: its own scripts, antd's inline styles
 * ('unsafe-inline' for style only), its own fonts, photos and signatures as data: images, PDFs and
 * CSV templates as blob: downloads. No framing by any page (clickjacking), no plugins.
 */
export const DESK_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': DESK_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  // Another site's <img>/<script> cannot pull the desk's files into its page.
  'cross-origin-resource-policy': 'same-origin',
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
}

/** The content type of a renderer file (nosniff: the browser trusts this and nothing else). */
export const mimeOf = (file: string) => MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream'

/** Names this machine always answers to (the loopback addresses). */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'] as const

/** "Name:port" split; IPv6 in brackets. Null when it is not a host header at all. */
export function parseHost(value: string): { name: string; port: number | null } | null {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(value.trim())
  if (!m) return null
  return { name: m[1].toLowerCase(), port: m[2] === undefined ? null : Number(m[2]) }
}

/**
 * The Host header must name this desk: a loopback name or an allowed LAN name, with the port it
 * listens on. A DNS-rebinding page (evil.example resolving to 127.0.0.1) sends its own name and is refused.
 */
export function hostAllowed(host: string | undefined, localPort: number, allowed: readonly string[] = []): boolean {
  if (!host) return false
  const h = parseHost(host)
  if (!h) return false
  const port = h.port ?? 80
  if (port !== localPort) return false
  const names = new Set([...LOOPBACK_HOSTS, ...allowed.map((a) => a.toLowerCase())])
  return names.has(h.name)
}

/**
 * Origin of a POST. Browsers send Origin on every POST (Fetch standard), so a page can never leave
 * it out; a request without one comes from a program on this machine (tests, bench, curl), which
 * could set any header anyway — so absent is allowed, and present must be this desk's own origin.
 * "null" (sandboxed frames, file: pages) is refused.
 */
export function originAllowed(origin: string | undefined, localPort: number, allowed: readonly string[] = []): boolean {
  if (origin === undefined) return true
  let u: URL
  try {
    u = new URL(origin)
  } catch {
    return false
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false
  if (u.origin !== origin.replace(/\/$/, '')) return false
  const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80
  return hostAllowed(`${u.hostname.includes(':') ? `[${u.hostname.replace(/^\[|\]$/g, '')}]` : u.hostname}:${port}`, localPort, allowed)
}

/** decodeURIComponent that answers null for a malformed %-escape instead of throwing. */
export function decodePath(raw: string): string | null {
  try {
    const s = decodeURIComponent(raw)
    return s.includes('\0') ? null : s
  } catch {
    return null
  }
}

/**
 * The file a URL path names inside `root`, or null when it would leave the folder. The check needs
 * the separator: `root + 'x'` must not pass for a sibling folder such as `renderer-old`.
 */
export function fileInside(root: string, decodedPath: string): string | null {
  const base = path.resolve(root)
  const file = path.resolve(base, '.' + (decodedPath.startsWith('/') ? '' : '/') + decodedPath)
  if (file === base) return file
  return file.startsWith(base.endsWith(path.sep) ? base : base + path.sep) ? file : null
}

/** The largest body this request may send: refuse by Content-Length before reading a byte. */
export function declaredTooLarge(contentLength: string | undefined, limit: number): boolean {
  if (contentLength === undefined) return false
  const n = Number(contentLength)
  return !Number.isFinite(n) || n > limit
}

/** "256 KB", "30 MB": the limit as the clerk reads it. */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}
