import crypto from 'node:crypto'
import { loadOrCreateIdentity } from '../../electron/core/sync/net'
import { openCore, type Core } from '../../electron/core/app'
import type { PeerLink } from '../../electron/core/sync/replica'
import { MIGRATIONS, tempDir } from './core'

export type Identity = Awaited<ReturnType<typeof loadOrCreateIdentity>>

/**
 * A terminal as the app makes one: its own data folder, certificate (made at first start) and a
 * sync port on 127.0.0.1 (any free port), telling peers that address.
 */
export async function terminal(id: string, dataDir = tempDir('desk-sync-'), now?: () => Date): Promise<Core & { identity: Identity; dataDir: string }> {
  const identity = await loadOrCreateIdentity(dataDir)
  const core = await openCore({
    now,
    dataDir,
    terminalId: id,
    terminalName: `终端${id}`,
    migrationsDir: MIGRATIONS,
    identity,
    sync: { host: '127.0.0.1', port: 0, advertise: (port) => [`127.0.0.1:${port}`] },
  })
  return Object.assign(core, { identity, dataDir })
}

/** What pairing hands over, in process: each side registers the other's terminal with its certificate. */
export async function trust(a: Core & { identity: Identity }, b: Core & { identity: Identity }) {
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const at = new Date().toISOString()
    await x.db.tx((w) =>
      w.run(
        `INSERT INTO terminals (id, created_at, updated_at, terminal_id, deleted_at, name, cert_pem, cert_fp) VALUES (?,?,?,?,NULL,?,?,?)
         ON CONFLICT(id) DO UPDATE SET cert_pem = excluded.cert_pem, cert_fp = excluded.cert_fp`,
        [y.terminalId, at, at, x.terminalId, `终端${y.terminalId}`, y.identity.certPem, y.identity.fingerprint],
      ),
    )
  }
}

/** A link that calls the peer in process (the real one is mutual TLS). */
export const linkTo = (peer: Core): PeerLink => ({ pull: (req) => peer.replica.serve(JSON.parse(JSON.stringify(req))).then((r) => JSON.parse(JSON.stringify(r))) })

/** A checksum of every synced table's rows (the same data gives the same sum on every terminal). */
export async function checksum(core: Core): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const t of core.replica.tables.values()) {
    const rows = await core.db.read.all(`SELECT ${t.columns.map((c) => `"${c}"`).join(', ')} FROM "${t.name}" ORDER BY id`)
    out[t.name] = crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16) + `:${rows.length}`
  }
  return out
}

export async function until<X>(what: string, fn: () => Promise<X | false | null | undefined>, ms = 20_000): Promise<X> {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out: ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

type Terminal = Core & { sync?: Core['sync'] }

/** Pairs through the real exchange: sponsor's code, the joiner's begin, both compare and accept. */
export async function pair(sponsor: Terminal, joiner: Terminal) {
  const offer = await sponsor.sync!.pairStart()
  const seen = await joiner.sync!.joinBegin(offer.addresses[0], offer.code)
  const there = sponsor.sync!.pairPending()!
  if (there.sponsor.shortFingerprint !== seen.sponsor.shortFingerprint || there.joiner.shortFingerprint !== seen.joiner.shortFingerprint) throw new Error('fingerprints differ')
  await joiner.sync!.joinConfirm(true)
  await sponsor.sync!.pairConfirm(true)
  await until('joined', async () => (await joiner.sync!.joinState())?.state === 'done')
}

export async function sameData(...ts: Core[]): Promise<boolean> {
  const sums = await Promise.all(ts.map((t) => checksum(t)))
  return sums.every((s) => JSON.stringify(s) === JSON.stringify(sums[0]))
}
