import net from 'node:net'
import os from 'node:os'

// Sync answers only the office network and this machine: a public address is refused before TLS.

function privateV4(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number)
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
}

/** The 8 hextets of an IPv6 address (an embedded dotted IPv4 tail becomes two), or null. */
function hextets(ip: string): number[] | null {
  let s = ip
  const dotted = s.match(/(\d+\.\d+\.\d+\.\d+)$/)
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number)
    s = s.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = s.split('::')
  const part = (x: string | undefined) => (x ? x.split(':').map((h) => parseInt(h, 16)) : [])
  const h = part(head)
  const t = part(tail)
  const out = s.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill(0), ...t] : h
  return out.length === 8 && out.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff) ? out : null
}

/** IPv4 10/8, 172.16/12, 192.168/16, 127/8, 169.254/16; IPv6 ::1, fc00::/7, fe80::/10, and ::ffff:(those IPv4). */
export function isPrivateOrLoopback(ip: string | undefined | null): boolean {
  if (!ip) return false
  const bare = ip.replace(/%.*$/, '') // zone id (fe80::1%eth0)
  if (net.isIPv4(bare)) return privateV4(bare)
  if (!net.isIPv6(bare)) return false
  const h = hextets(bare)
  if (!h) return false
  if (h.slice(0, 7).every((x) => x === 0) && h[7] === 1) return true // ::1
  if ((h[0] & 0xfe00) === 0xfc00) return true // fc00::/7 unique local
  if ((h[0] & 0xffc0) === 0xfe80) return true // fe80::/10 link local
  if (h.slice(0, 5).every((x) => x === 0) && h[5] === 0xffff) {
    return privateV4(`${h[6] >> 8}.${h[6] & 0xff}.${h[7] >> 8}.${h[7] & 0xff}`) // IPv4-mapped
  }
  return false
}

/** This machine's private IPv4 addresses as "ip:port" — what 添加终端 shows to type on the new terminal. */
export function lanAddresses(port: number): string[] {
  const out: string[] = []
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) {
      const v4 = a.family === 'IPv4' || (a.family as unknown) === 4
      if (v4 && !a.internal && isPrivateOrLoopback(a.address) && !a.address.startsWith('169.254.') && !a.address.startsWith('127.')) out.push(`${a.address}:${port}`)
    }
  }
  return [...new Set(out)]
}
