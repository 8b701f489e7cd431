import { generateKeyPair, randomBytes, sign, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import { bits, bool, explicit, octets, oid, seq, set, time, uint, utf8 } from './der'

// Each terminal's own ECDSA P-256 key and self-signed certificate: Electron's BoringSSL refuses
// Ed25519 certificates, and pinning the fingerprint replaces any CA.

const ECDSA_WITH_SHA256 = seq(oid('1.2.840.10045.4.3.2'))
const name = (cn: string) => seq(set(seq(oid('2.5.4.3'), utf8(cn))))
const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value))

export interface CertificateOptions {
  commonName: string
  notBefore: Date
  notAfter: Date
}

export async function createSelfSigned(opts: CertificateOptions): Promise<{ keyPem: string; certPem: string }> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('ec', { namedCurve: 'prime256v1' })
  const serial = randomBytes(16)
  serial[0] = (serial[0] & 0x7f) | 0x01 // positive, 16 bytes, never zero
  const tbs = seq(
    explicit(0, uint(Buffer.from([2]))), // v3
    uint(serial),
    ECDSA_WITH_SHA256,
    name(opts.commonName),
    seq(time(opts.notBefore), time(opts.notAfter)),
    name(opts.commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(
      3,
      seq(
        extension('2.5.29.19', true, seq()), // basicConstraints: not a CA
        extension('2.5.29.15', true, bits(Buffer.from([0x80]), 7)), // keyUsage: digitalSignature
        extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))), // serverAuth, clientAuth
      ),
    ),
  )
  const signature = sign('sha256', tbs, privateKey as KeyObject) // DER ECDSA-Sig-Value
  const der = seq(tbs, ECDSA_WITH_SHA256, bits(signature))
  const b64 = der.toString('base64').match(/.{1,64}/g)!.join('\n')
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    certPem: `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`,
  }
}
