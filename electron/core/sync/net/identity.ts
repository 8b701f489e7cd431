import { createPrivateKey, X509Certificate } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { createSelfSigned } from './certificate'
import { fingerprintOfDer, shortFingerprint } from './fingerprint'

// Made once per terminal and kept: peers pin this certificate, so a new one means pairing again.

export { fingerprintOfDer, fingerprintOfPem, shortFingerprint } from './fingerprint'

export interface Identity {
  keyPem: string
  certPem: string
  /** sha256 of the certificate's DER, lowercase hex. */
  fingerprint: string
  shortFingerprint: string
}

export const IDENTITY_FILE = 'sync-identity.json'
const TEN_YEARS_MS = 10 * 365.25 * 24 * 3600 * 1000

const pending = new Map<string, Promise<Identity>>()

/** One identity per folder; concurrent first calls share one creation. */
export function loadOrCreateIdentity(dir: string): Promise<Identity> {
  const file = path.resolve(dir, IDENTITY_FILE)
  let p = pending.get(file)
  if (!p) {
    p = loadOrCreate(file)
    pending.set(file, p)
    p.catch(() => pending.delete(file))
  }
  return p
}

async function loadOrCreate(file: string): Promise<Identity> {
  let text: string | null = null
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
  if (text !== null) return parse(text, file)

  const now = Date.now()
  // A day back, so a peer whose clock runs behind still sees a valid certificate.
  const { keyPem, certPem } = await createSelfSigned({ commonName: 'desk-terminal', notBefore: new Date(now - 86_400_000), notAfter: new Date(now + TEN_YEARS_MS) })
  await fs.mkdir(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  await fs.writeFile(tmp, JSON.stringify({ version: 1, createdAt: new Date(now).toISOString(), keyPem, certPem }, null, 2), { mode: 0o600 })
  try {
    // link, not rename: if another process made one meanwhile, theirs stands and we read it.
    await fs.link(tmp, file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
  } finally {
    await fs.rm(tmp, { force: true })
  }
  return parse(await fs.readFile(file, 'utf8'), file)
}

/** A damaged file is an error, not a reason to mint a new identity silently (peers would refuse it). */
function parse(text: string, file: string): Identity {
  try {
    const { keyPem, certPem } = JSON.parse(text) as { keyPem: string; certPem: string }
    const cert = new X509Certificate(certPem)
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) throw new Error('key does not match certificate')
    const fingerprint = fingerprintOfDer(cert.raw)
    return { keyPem, certPem, fingerprint, shortFingerprint: shortFingerprint(fingerprint) }
  } catch (e) {
    throw new Error(`本终端的同步证书文件已损坏(${file}):${(e as Error).message}`)
  }
}
