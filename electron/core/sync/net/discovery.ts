import { Bonjour, type Service } from 'bonjour-service'
import net from 'node:net'
import { isPrivateOrLoopback } from './addresses'

// mDNS is a hint only: office networks and Windows firewalls often block it, and typing the address
// always works. So nothing here throws — announce does its best, browse returns what it heard.

export const SERVICE_TYPE = 'desk-sync' // _desk-sync._tcp

export interface Announcement {
  port: number
  siteId: string | null
  terminalId: string
  /** The terminal's display name (Chinese is fine: TXT is UTF-8). */
  name: string
}

export interface FoundTerminal {
  name: string
  /** "ip:port": a private IPv4 address it announced, else its first IPv4 (the sync port itself refuses non-private callers). */
  address: string
  siteId: string | null
  terminalId: string | null
}

// A Bonjour whose socket errors (EADDRINUSE, EACCES, no multicast route) are swallowed, not thrown.
function quietBonjour(): Bonjour | null {
  try {
    const b = new Bonjour({}, () => {})
    const mdns = (b as unknown as { server?: { mdns?: NodeJS.EventEmitter } }).server?.mdns
    mdns?.on('error', () => {})
    mdns?.on('warning', () => {})
    return b
  } catch {
    return null
  }
}

/** Announces this terminal; returns a stop function (safe to call more than once). */
export function announce(a: Announcement): () => void {
  const b = quietBonjour()
  if (!b) return () => {}
  try {
    const service = b.publish({
      name: `desk-${a.terminalId}`, // unique on the LAN; the display name rides in TXT
      type: SERVICE_TYPE,
      port: a.port,
      txt: { siteId: a.siteId ?? '', terminalId: a.terminalId, name: a.name },
      disableIPv6: true,
    })
    service.on('error', () => {})
  } catch {
    /* best effort */
  }
  let stopped = false
  return () => {
    if (stopped) return
    stopped = true
    try {
      b.unpublishAll(() => b.destroy())
    } catch {
      /* already gone */
    }
  }
}

function addressOf(s: Service): string | null {
  const candidates = [...(s.addresses ?? []), s.referer?.address].filter((x): x is string => !!x)
  const v4 = candidates.filter((x) => net.isIPv4(x))
  const ip = v4.find((x) => isPrivateOrLoopback(x)) ?? v4[0] ?? null
  return ip ? `${ip}:${s.port}` : null
}

/** Terminals heard within `timeoutMs` (default 1.5 s), optionally only those of one site. */
export function browse(opts: { timeoutMs?: number; siteId?: string | null; excludeTerminalId?: string } = {}): Promise<FoundTerminal[]> {
  return new Promise((resolve) => {
    const found = new Map<string, FoundTerminal>()
    const b = quietBonjour()
    if (!b) return resolve([])
    const finish = () => {
      try {
        browser?.stop()
        b.destroy()
      } catch {
        /* ignore */
      }
      resolve([...found.values()])
    }
    let browser: ReturnType<Bonjour['find']> | null = null
    try {
      browser = b.find({ type: SERVICE_TYPE }, (s) => {
        const txt = (s.txt ?? {}) as Record<string, unknown>
        const address = addressOf(s)
        const siteId = typeof txt.siteId === 'string' && txt.siteId ? txt.siteId : null
        const terminalId = typeof txt.terminalId === 'string' ? txt.terminalId : null
        if (!address) return
        if (opts.siteId && siteId && siteId !== opts.siteId) return
        if (opts.excludeTerminalId && terminalId === opts.excludeTerminalId) return
        found.set(address, { name: typeof txt.name === 'string' && txt.name ? txt.name : s.name, address, siteId, terminalId })
      })
    } catch {
      /* nothing heard */
    }
    setTimeout(finish, opts.timeoutMs ?? 1500).unref?.()
  })
}
