import { createHmac, timingSafeEqual } from 'node:crypto'
import type { TLSSocket } from 'node:tls'

// Proofs tie a secret (the site key, or the pairing code) to one TLS session through its exported
// keying material: a proof seen on one connection is worthless on any other, and the secret never
// crosses the wire.

export const EKM_LABEL = 'EXPORTER-desk-sync'
export const PROOF_HEADER = 'x-desk-proof'

// An explicit context: RFC 5705 treats "no context" and "empty context" differently in TLS 1.2,
// and naming one leaves no room for two TLS stacks (Node's OpenSSL, Electron's BoringSSL) to differ.
const EKM_CONTEXT = Buffer.from('desk-sync-v1', 'utf8')

export const sessionKeyingMaterial = (socket: TLSSocket): Buffer => socket.exportKeyingMaterial(32, EKM_LABEL, EKM_CONTEXT)

export function proofOf(key: Buffer | string, role: 'client' | 'server' | 'join' | 'sponsor', ekm: Buffer): string {
  return createHmac('sha256', key).update(Buffer.concat([Buffer.from(role, 'utf8'), ekm])).digest('hex')
}

/** Constant-time comparison of two hex proofs (a wrong length is simply false). */
export function sameProof(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || !/^[0-9a-f]{64}$/i.test(given)) return false
  const a = Buffer.from(expected, 'hex')
  const b = Buffer.from(given.toLowerCase(), 'hex')
  return a.length === b.length && timingSafeEqual(a, b)
}
