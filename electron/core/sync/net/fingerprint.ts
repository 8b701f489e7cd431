import { createHash, X509Certificate } from 'node:crypto'

// A terminal is known by its certificate's SHA-256 fingerprint: peers pin it instead of trusting a CA.

/** sha256 of the certificate's DER bytes, lowercase hex (64 digits). */
export function fingerprintOfDer(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex')
}

export function fingerprintOfPem(certPem: string): string {
  return fingerprintOfDer(new X509Certificate(certPem).raw)
}

/** What people compare on two screens: the first 16 hex digits, upper-case, in 4 groups ("3F2A-91C0-7B4D-0E11"). */
export function shortFingerprint(fingerprint: string): string {
  const head = fingerprint.replace(/[^0-9a-f]/gi, '').slice(0, 16).toUpperCase()
  return head.match(/.{1,4}/g)?.join('-') ?? ''
}
