import type { DeskDb } from '../db/connection'
import { custodyDesk } from '../duty/custodyDesk'
import type { PairingPending, PeerStatus, SyncConflict, SyncLogEntry, SyncStatus } from '../../../shared/sync/schema'
import { SERIES_MARKS } from '../../../shared/permit/serial'
import { missing, SyncRefusal, type Vector } from './changes'
import type { PeerLink, PullRequest, Replica } from './replica'
import {
  browse,
  closeSyncConnections,
  isSyncNetError,
  joinPairing,
  lanAddresses,
  PairingSponsor,
  shortFingerprint,
  startSyncServer,
  syncCall,
  type Identity,
  type JoinHandle,
  type SyncRequest,
  type SyncServer,
} from './net'

/** More than this between two terminals' clocks is shown on screen (issue H); changes still apply in clock order. */
export const CLOCK_WARN_MS = 5 * 60 * 1000
/** Entries of 同步记录 kept on this terminal (a local record; the records themselves are never pruned). */
export const SYNC_LOG_KEEP = 20_000
/** How often an enabled terminal pulls from each peer (a poke after a local change pulls at once). */
const PULL_EVERY_MS = 2000

export interface SyncOptions {
  identity: Identity
  /** Where the sync port listens when sync is on: '0.0.0.0' (the LAN), '127.0.0.1' in tests. */
  host?: string
  /** 0 = any free port (tests); the app uses DEFAULT_SYNC_PORT. */
  port?: number
  /** The addresses to tell peers; default: this machine's LAN addresses with the port. */
  advertise?: (port: number) => string[]
}

interface PeerRow {
  id: string
  name: string
  certFp: string | null
  seriesMark: string
  revokedAt: string | null
  syncAddress: string | null
  address: string | null
  lastSyncAt: string | null
  lastOkAt: string | null
  offlineSince: string | null
  lastError: string | null
  clockOffsetMs: number | null
  waitingIn: number | null
  theirVector: string | null
}

/** What the sponsor hands the joiner inside the pairing exchange (and nowhere else: the site key). */
interface PairPayload {
  siteKey: string
  sponsorId: string
  joinerMark: string
  sponsorAddresses: string[]
  terminals: Array<{ id: string; name: string; certPem: string | null; certFp: string | null; seriesMark: string; syncAddress: string | null; revokedAt: string | null }>
}

/**
 * LAN sync on this terminal: the sync port (mutual TLS, pinned certificates, site-key proof), pulling
 * from each peer, pokes after our own changes, pairing (both roles), and the status for the screens.
 * Every terminal is equal; none is a server.
 */
export class SyncService {
  private server: SyncServer | null = null
  private timer: NodeJS.Timeout | null = null
  private running = new Map<string, Promise<void>>()
  private again = new Set<string>()
  private sponsor: PairingSponsor
  private joining: { handle: JoinHandle; state: PairingPending } | null = null
  private siteKeyCache: Buffer | null = null
  private stopped = false

  constructor(
    private readonly db: () => DeskDb,
    private readonly replica: Replica,
    private readonly terminalId: string,
    private readonly now: () => Date,
    private readonly opts: SyncOptions,
  ) {
    this.sponsor = new PairingSponsor({
      self: () => ({ terminalId: this.terminalId, name: this.selfName, fingerprint: this.opts.identity.fingerprint }),
      onPaired: ({ joiner }) => this.registerJoiner(joiner),
      now: () => this.now().getTime(),
    })
    replica.onLocalChange = () => this.pokePeers()
  }

  private selfName = ''
  private lastPort = 0

  /** At start: listens and pulls if sync was left on. */
  async start(): Promise<void> {
    await this.refreshSiteKey()
    this.selfName = (await this.db().read.get<{ name: string }>('SELECT name FROM terminals WHERE id = ?', [this.terminalId]))?.name ?? ''
    if (await this.isEnabled()) await this.listen()
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.server?.close().catch(() => undefined)
    this.server = null
    await Promise.allSettled([...this.running.values()])
    closeSyncConnections()
  }

  private async isEnabled() {
    return ((await this.db().read.get<{ on: number }>('SELECT enabled AS "on" FROM sync_state WHERE id = 1'))?.on ?? 0) === 1
  }

  private async refreshSiteKey() {
    const r = this.db().read
    const site = await r.get<{ secret: string }>('SELECT secret FROM site LIMIT 1')
    const pending = await r.get<{ key: string | null }>('SELECT site_key AS key FROM sync_state WHERE id = 1')
    const key = site?.secret ?? pending?.key ?? null
    this.siteKeyCache = key ? Buffer.from(key, 'utf8') : null
  }

  private advertised(): string[] {
    if (!this.server) return []
    return this.opts.advertise ? this.opts.advertise(this.server.port) : lanAddresses(this.server.port)
  }

  private async listen() {
    if (this.server || this.stopped) return
    await this.refreshSiteKey()
    const serve = (port: number) => startSyncServer({
      identity: this.opts.identity,
      host: this.opts.host ?? '0.0.0.0',
      port,
      peerByFingerprint: async (fp) => {
        const row = await this.db().read.get<{ id: string; name: string; revokedAt: string | null }>('SELECT id, name, revoked_at AS revokedAt FROM terminals WHERE cert_fp = ? AND id <> ?', [fp, this.terminalId])
        return row ? { terminalId: row.id, name: row.name, revoked: !!row.revokedAt } : null
      },
      siteKey: () => this.siteKeyCache,
      onRequest: (req) => this.onRequest(req),
      onRefused: (r) => void this.log('refused', null, 0, `${r.remote} ${r.reason}`).catch(() => undefined),
      pairing: () => this.sponsor,
    })
    // Switched off and on again: the same port as before (peers know this address; with any free port
    // chosen afresh, two terminals switched back on together would each call the other's old one).
    const again = !this.opts.port && this.lastPort
    this.server = again ? await serve(this.lastPort).catch(() => serve(0)) : await serve(this.opts.port ?? 0)
    this.lastPort = this.server.port
    const addresses = this.advertised().join(',')
    await this.db().tx((w) => w.run('UPDATE terminals SET sync_address = ? WHERE id = ? AND sync_address IS NOT ?', [addresses, this.terminalId, addresses]))
    this.timer = setInterval(() => void this.pullAll(), PULL_EVERY_MS)
    this.timer.unref()
    void this.pullAll()
  }

  async setEnabled(on: boolean): Promise<SyncStatus> {
    await this.db().tx((w) => w.run('UPDATE sync_state SET enabled = ? WHERE id = 1', [on ? 1 : 0]))
    if (on) {
      this.stopped = false
      await this.listen()
    } else {
      if (this.timer) clearInterval(this.timer)
      this.timer = null
      await this.server?.close().catch(() => undefined)
      this.server = null
    }
    await this.log('pair', null, 0, on ? '已启用局域网同步' : '已停用局域网同步')
    return this.status()
  }

  // ─── serving peers ───────────────────────────────────────────────────────────────────────────

  private async onRequest(req: SyncRequest): Promise<unknown> {
    const body = (req.body ?? {}) as Record<string, unknown>
    if (req.name === 'pull') {
      const vector = sanitizeVector(body.vector)
      const limit = typeof body.limit === 'number' ? body.limit : 2000
      const res = await this.replica.serve({ vector, limit, now: String(body.now ?? '') } as PullRequest)
      await this.notePeer(req.peer.terminalId, { theirVector: JSON.stringify(vector), address: addressOf(body) })
      if (res.changes.length) await this.log('out', req.peer.terminalId, res.changes.length, `发往 ${req.peer.name}`)
      return res
    }
    if (req.name === 'poke') {
      await this.notePeer(req.peer.terminalId, { address: addressOf(body) })
      this.schedulePull(req.peer.terminalId)
      return { ok: true }
    }
    throw new Error(`unknown sync call ${req.name}`)
  }

  private async notePeer(id: string, v: { theirVector?: string; address?: string | null }) {
    await this.db().tx(async (w) => {
      await w.run('INSERT INTO sync_peers (terminal_id) VALUES (?) ON CONFLICT(terminal_id) DO NOTHING', [id])
      if (v.theirVector) await w.run('UPDATE sync_peers SET their_vector = ? WHERE terminal_id = ?', [v.theirVector, id])
      if (v.address) await w.run('UPDATE sync_peers SET address = ? WHERE terminal_id = ? AND address IS NOT ?', [v.address, id, v.address])
    })
  }

  // ─── pulling from peers ──────────────────────────────────────────────────────────────────────

  private async peers(): Promise<PeerRow[]> {
    return this.db().read.all<PeerRow>(
      `SELECT t.id, t.name, t.cert_fp AS certFp, t.series_mark AS seriesMark, t.revoked_at AS revokedAt, t.sync_address AS syncAddress,
              p.address, p.last_sync_at AS lastSyncAt, p.last_ok_at AS lastOkAt, p.offline_since AS offlineSince, p.last_error AS lastError,
              p.clock_offset_ms AS clockOffsetMs, p.waiting_in AS waitingIn, p.their_vector AS theirVector
         FROM terminals t LEFT JOIN sync_peers p ON p.terminal_id = t.id
        WHERE t.id <> ? AND t.deleted_at IS NULL AND t.cert_fp IS NOT NULL ORDER BY t.created_at`,
      [this.terminalId],
    )
  }

  private schedulePull(peerId: string) {
    if (this.stopped || !this.server) return
    if (this.running.has(peerId)) {
      this.again.add(peerId)
      return
    }
    const run = (async () => {
      try {
        do {
          this.again.delete(peerId)
          const peer = (await this.peers()).find((p) => p.id === peerId)
          if (peer && !peer.revokedAt) await this.pullFrom(peer)
        } while (this.again.has(peerId) && !this.stopped)
      } finally {
        this.running.delete(peerId)
      }
    })()
    this.running.set(peerId, run)
  }

  async pullAll(): Promise<void> {
    if (this.stopped || !this.server) return
    await this.refreshSiteKey()
    for (const p of await this.peers()) if (!p.revokedAt) this.schedulePull(p.id)
    await Promise.allSettled([...this.running.values()])
  }

  private addressesOf(p: PeerRow): string[] {
    return [...new Set([p.address, ...(p.syncAddress ?? '').split(',')].filter((a): a is string => !!a))]
  }

  private link(p: PeerRow, address: string): PeerLink {
    return {
      pull: (req) => syncCall({ address, identity: this.opts.identity, expectFingerprint: p.certFp!, siteKey: this.siteKeyCache, name: 'pull', body: { ...req, address: this.advertised()[0] ?? null }, timeoutMs: 15_000 }),
    }
  }

  private async pullFrom(p: PeerRow): Promise<void> {
    const at = () => this.now().toISOString()
    // No address yet (a terminal just paired, registered by its sponsor): nothing to call and nothing
    // wrong — it calls us, and its address comes with that call. 尚未连通 on the screen says so.
    if (!this.addressesOf(p).length) return
    let lastErr: unknown = null
    for (const address of this.addressesOf(p)) {
      try {
        const r = await this.replica.pullFrom(this.link(p, address))
        await this.refreshSiteKey()
        await this.db().tx(async (w) => {
          await w.run('INSERT INTO sync_peers (terminal_id) VALUES (?) ON CONFLICT(terminal_id) DO NOTHING', [p.id])
          await w.run(
            'UPDATE sync_peers SET address = ?, last_sync_at = ?, last_ok_at = ?, offline_since = NULL, last_error = NULL, clock_offset_ms = ?, waiting_in = ? WHERE terminal_id = ?',
            [address, at(), at(), r.clockOffsetMs, r.waitingIn, p.id],
          )
        })
        if (r.applied) await this.log('in', p.id, r.applied, `来自 ${p.name}${r.conflicts ? `,${r.conflicts} 处字段冲突(保留较新的值)` : ''}`)
        if (r.refusedByRule) await this.log('refused', p.id, r.refusedByRule, `来自 ${p.name} 的 ${r.refusedByRule} 条变更与本机规则冲突,已保留未应用`)
        return
      } catch (e) {
        lastErr = e
        if (e instanceof SyncRefusal || (isSyncNetError(e) && !isSyncNetError(e, 'offline'))) break
      }
    }
    const reason = lastErr instanceof Error ? lastErr.message : String(lastErr)
    const was = p.offlineSince
    await this.db().tx(async (w) => {
      await w.run('INSERT INTO sync_peers (terminal_id) VALUES (?) ON CONFLICT(terminal_id) DO NOTHING', [p.id])
      await w.run('UPDATE sync_peers SET offline_since = COALESCE(offline_since, ?), last_error = ? WHERE terminal_id = ?', [at(), reason, p.id])
    })
    if (lastErr instanceof SyncRefusal) await this.log('refused', p.id, 0, `拒绝 ${p.name} 的变更:${reason}`)
    else if (!was || p.lastError !== reason) await this.log('error', p.id, 0, `${p.name}:${reason}`)
  }

  /** After a commit of ours: tell each peer to pull now (they would within 2 s anyway). */
  private pokePeers() {
    if (!this.server || this.stopped) return
    void (async () => {
      for (const p of await this.peers()) {
        if (p.revokedAt || p.offlineSince) continue
        const address = this.addressesOf(p)[0]
        if (!address) continue
        syncCall({ address, identity: this.opts.identity, expectFingerprint: p.certFp!, siteKey: this.siteKeyCache, name: 'poke', body: { address: this.advertised()[0] ?? null }, timeoutMs: 3000 }).catch(() => undefined)
      }
    })().catch(() => undefined)
  }

  async syncNow(): Promise<SyncStatus> {
    if (!this.server) await this.setEnabled(true)
    await this.pullAll()
    return this.status()
  }

  // ─── pairing ─────────────────────────────────────────────────────────────────────────────────

  async pairStart() {
    await this.refreshSiteKey()
    if (!(await this.isEnabled()) || !this.server) await this.setEnabled(true)
    const offer = this.sponsor.start()
    await this.log('pair', null, 0, '生成一次性配对码(10 分钟内有效)')
    return { code: offer.code, expiresAt: new Date(offer.expiresAt).toISOString(), addresses: this.advertised(), shortFingerprint: shortFingerprint(this.opts.identity.fingerprint) }
  }

  pairPending(): PairingPending | null {
    const p = this.sponsor.getPending()
    if (!p) return null
    return { pairingId: p.pairingId, sponsor: { name: p.sponsor.name, shortFingerprint: p.sponsor.shortFingerprint }, joiner: { name: p.joiner.name, shortFingerprint: p.joiner.shortFingerprint }, state: p.state }
  }

  async pairConfirm(accept: boolean): Promise<PairingPending> {
    await this.sponsor.confirm(accept)
    const p = this.pairPending()
    if (!p) throw new Error('没有待确认的配对')
    await this.log('pair', null, 0, accept ? `确认与 ${p.joiner.name} 配对` : `拒绝与 ${p.joiner.name} 配对`)
    return p
  }

  /** Sponsor, both accepted: the joiner's row (pinned fingerprint, its series letter) and what it receives. */
  private async registerJoiner(j: { terminalId: string; name: string; fingerprint: string }): Promise<PairPayload> {
    const at = this.now().toISOString()
    return this.db().tx(async (w) => {
      const rows = await w.all<PairPayload['terminals'][number]>(
        'SELECT id, name, cert_pem AS certPem, cert_fp AS certFp, series_mark AS seriesMark, sync_address AS syncAddress, revoked_at AS revokedAt FROM terminals WHERE deleted_at IS NULL',
      )
      const existing = rows.find((r) => r.id === j.terminalId)
      const used = new Set(rows.filter((r) => r.id !== j.terminalId).map((r) => r.seriesMark))
      const mark = existing?.seriesMark && !used.has(existing.seriesMark) ? existing.seriesMark : [...SERIES_MARKS].find((m) => !used.has(m))
      if (!mark) throw new Error('终端数量已达上限')
      await w.run(
        `INSERT INTO terminals (id, created_at, updated_at, terminal_id, deleted_at, name, cert_fp, series_mark, revoked_at) VALUES (?,?,?,?,NULL,?,?,?,NULL)
         ON CONFLICT(id) DO UPDATE SET cert_fp = excluded.cert_fp, series_mark = excluded.series_mark, revoked_at = NULL, updated_at = excluded.updated_at`,
        [j.terminalId, at, at, this.terminalId, j.name, j.fingerprint, mark],
      )
      const site = await w.get<{ secret: string }>('SELECT secret FROM site LIMIT 1')
      if (!site) throw new Error('本终端尚未建立项目,不能添加终端')
      await w.run("INSERT INTO sync_log (at, direction, peer_id, count, detail) VALUES (?, 'pair', ?, 0, ?)", [at, j.terminalId, `已与 ${j.name} 配对(序列字母 ${mark})`])
      const all = await w.all<PairPayload['terminals'][number]>(
        'SELECT id, name, cert_pem AS certPem, cert_fp AS certFp, series_mark AS seriesMark, sync_address AS syncAddress, revoked_at AS revokedAt FROM terminals WHERE deleted_at IS NULL',
      )
      return { siteKey: site.secret, sponsorId: this.terminalId, joinerMark: mark, sponsorAddresses: this.advertised(), terminals: all }
    })
  }

  async joinBegin(address: string, code: string, name?: string): Promise<PairingPending> {
    if (name && name !== this.selfName) {
      // The name the administrator gave this terminal travels with the pairing and shows on every terminal.
      await this.db().tx((w) => w.run('UPDATE terminals SET name = ?, updated_at = ? WHERE id = ?', [name, this.now().toISOString(), this.terminalId]))
      this.selfName = name
    }
    const handle = await joinPairing({ address, code, identity: this.opts.identity, name: this.selfName || '新终端', terminalId: this.terminalId })
    const state: PairingPending = {
      pairingId: handle.pairingId,
      sponsor: { name: handle.pending.sponsor.name, shortFingerprint: handle.pending.sponsor.shortFingerprint },
      joiner: { name: handle.pending.joiner.name, shortFingerprint: handle.pending.joiner.shortFingerprint },
      state: 'confirm',
    }
    this.joining = { handle, state }
    await this.log('pair', null, 0, `向 ${address} 的 ${state.sponsor.name} 申请配对`)
    return state
  }

  async joinConfirm(accept: boolean): Promise<PairingPending> {
    const j = this.joining
    if (!j) throw new Error('没有进行中的配对')
    const s = await j.handle.confirm(accept)
    j.state = { ...j.state, state: s }
    if (s === 'done') await this.finishJoin()
    return j.state
  }

  async joinState(): Promise<PairingPending | null> {
    const j = this.joining
    if (!j) return null
    if (j.state.state === 'waitingSponsor' || j.state.state === 'confirm') {
      const s = await j.handle.state().catch(() => j.state.state)
      if (s !== 'confirm') j.state = { ...j.state, state: s }
      if (s === 'done') await this.finishJoin()
    }
    return j.state
  }

  private async finishJoin() {
    const j = this.joining!
    const payload = j.handle.payload() as PairPayload | null
    if (!payload || typeof payload.siteKey !== 'string' || !Array.isArray(payload.terminals)) throw new Error('对方交付的配对信息不完整')
    const at = this.now().toISOString()
    await this.db().tx(async (w) => {
      // The other terminals' rows, to reach and trust them before the first pull: not captured (not
      // this terminal's writes) — the rows their sponsors signed arrive with that pull and take over.
      await w.run('UPDATE sync_state SET applying = 1 WHERE id = 1')
      for (const t of payload.terminals) {
        if (t.id === this.terminalId) continue
        await w.run(
          `INSERT INTO terminals (id, created_at, updated_at, terminal_id, deleted_at, name, cert_pem, cert_fp, series_mark, revoked_at, sync_address) VALUES (?,?,?,?,NULL,?,?,?,?,?,?)
           ON CONFLICT(id) DO NOTHING`,
          [t.id, at, at, this.terminalId, t.name, t.certPem, t.certFp, t.seriesMark, t.revokedAt, t.syncAddress],
        )
      }
      await w.run('UPDATE sync_state SET applying = 0 WHERE id = 1')
      await w.run('UPDATE terminals SET series_mark = ? WHERE id = ?', [payload.joinerMark, this.terminalId])
      await w.run('UPDATE sync_state SET site_key = ?, enabled = 1 WHERE id = 1', [payload.siteKey])
      await w.run('INSERT INTO sync_peers (terminal_id, address) VALUES (?, ?) ON CONFLICT(terminal_id) DO UPDATE SET address = excluded.address', [payload.sponsorId, j.handle.address])
      await w.run("INSERT INTO sync_log (at, direction, peer_id, count, detail) VALUES (?, 'pair', ?, 0, ?)", [at, payload.sponsorId, `已加入项目(经由 ${j.state.sponsor.name},本终端序列字母 ${payload.joinerMark})`])
    })
    await this.refreshSiteKey()
    this.stopped = false
    await this.listen()
    this.schedulePull(payload.sponsorId)
    await Promise.allSettled([...this.running.values()])
  }

  async discover() {
    const site = await this.db().read.get<{ id: string }>('SELECT id FROM site LIMIT 1')
    const found = await browse({ timeoutMs: 1500, siteId: site?.id ?? null, excludeTerminalId: this.terminalId })
    return found.map((f) => ({ name: f.name, address: f.address }))
  }

  async remove(terminalId: string): Promise<SyncStatus> {
    if (terminalId === this.terminalId) throw new Error('不能移除本终端')
    const at = this.now().toISOString()
    const row = await this.db().read.get<{ name: string }>('SELECT name FROM terminals WHERE id = ?', [terminalId])
    if (!row) throw new Error('终端不存在')
    await this.db().tx((w) => w.run('UPDATE terminals SET revoked_at = ?, updated_at = ? WHERE id = ? AND revoked_at IS NULL', [at, at, terminalId]))
    await this.log('pair', terminalId, 0, `已移除终端 ${row.name}(其证书在所有终端上作废)`)
    return this.status()
  }

  // ─── status and log ──────────────────────────────────────────────────────────────────────────

  async status(): Promise<SyncStatus> {
    const r = this.db().read
    const self = await r.get<{ name: string; mark: string }>('SELECT name, series_mark AS mark FROM terminals WHERE id = ?', [this.terminalId])
    // Renamed in 项目设置 since start: the name a pairing shows follows.
    if (self?.name) this.selfName = self.name
    const mine: Vector = await this.replica.vector()
    const enabled = await this.isEnabled()
    const peers: PeerStatus[] = (await this.peers()).map((p) => {
      const theirs = p.theirVector ? sanitizeVector(JSON.parse(p.theirVector)) : null
      return {
        terminalId: p.id,
        name: p.name,
        mark: p.seriesMark,
        address: p.address ?? (p.syncAddress?.split(',')[0] || null),
        state: p.revokedAt ? 'revoked' : !p.lastOkAt ? 'never' : p.offlineSince || !enabled ? 'offline' : 'online',
        lastSyncAt: p.lastSyncAt,
        waitingOut: theirs ? missing(theirs, mine) : Object.values(mine).reduce((a, b) => a + b, 0),
        waitingIn: p.waitingIn,
        clockOffsetMs: p.clockOffsetMs,
        shortFingerprint: p.certFp ? shortFingerprint(p.certFp) : '',
        lastError: p.lastError,
      }
    })
    const live = peers.filter((p) => p.state !== 'revoked')
    const waiting = live.reduce((a, p) => a + p.waitingOut + (p.waitingIn ?? 0), 0)
    const offline = live.filter((p) => p.state === 'offline' || p.state === 'never')
    const skew = live.find((p) => p.clockOffsetMs !== null && Math.abs(p.clockOffsetMs) > CLOCK_WARN_MS)
    const offlineSince = (await r.get<{ at: string | null }>('SELECT MIN(offline_since) AS at FROM sync_peers'))?.at ?? null
    return {
      enabled,
      received: Object.entries(mine).reduce((a, [origin, n]) => (origin === this.terminalId ? a : a + n), 0),
      custodyDeskId: (await custodyDesk(r))?.id ?? null,
      listening: this.server ? this.advertised().join(', ') || `:${this.server.port}` : null,
      self: { terminalId: this.terminalId, name: self?.name ?? '', mark: self?.mark ?? '', shortFingerprint: shortFingerprint(this.opts.identity.fingerprint) },
      peers,
      summary: {
        state: !live.length || !enabled ? 'single' : offline.length === live.length ? 'offline' : waiting ? 'waiting' : 'inSync',
        waiting,
        offlineSince: offline.length ? offlineSince : null,
        clockWarning: skew ? `本机时钟与 ${skew.name} 相差 ${Math.round(Math.abs(skew.clockOffsetMs!) / 60000)} 分钟,请校准电脑时间` : null,
      },
    }
  }

  private async log(direction: SyncLogEntry['direction'], peerId: string | null, count: number, detail: string) {
    await this.db().tx(async (w) => {
      const { lastID } = await w.run('INSERT INTO sync_log (at, direction, peer_id, count, detail) VALUES (?,?,?,?,?)', [this.now().toISOString(), direction, peerId, count, detail])
      // Every exchange is logged (a busy desk: thousands a day); the screen shows the latest, so keep those.
      if (lastID % 500 === 0) await w.run('DELETE FROM sync_log WHERE id <= ?', [lastID - SYNC_LOG_KEEP])
    })
  }

  async logEntries(limit = 100): Promise<SyncLogEntry[]> {
    return this.db().read.all<SyncLogEntry>(
      'SELECT l.at, l.direction, t.name AS peerName, l.count, l.detail FROM sync_log l LEFT JOIN terminals t ON t.id = l.peer_id ORDER BY l.id DESC LIMIT ?',
      [limit],
    )
  }

  async conflicts(limit = 100): Promise<SyncConflict[]> {
    const rows = await this.db().read.all<{ at: string; tbl: string; rowId: string; col: string; kept: string | null; lost: string | null; lostFrom: string | null; lostOrigin: string }>(
      'SELECT c.at, c.tbl, c.row_id AS rowId, c.col, c.kept, c.lost, t.name AS lostFrom, c.lost_origin AS lostOrigin FROM sync_conflicts c LEFT JOIN terminals t ON t.id = c.lost_origin ORDER BY c.id DESC LIMIT ?',
      [limit],
    )
    const parse = (s: string | null) => (s === null ? null : JSON.parse(s))
    return rows.map((r) => ({ at: r.at, table: r.tbl, rowId: r.rowId, column: r.col, kept: parse(r.kept), lost: parse(r.lost), lostFrom: r.lostFrom ?? r.lostOrigin }))
  }
}

function sanitizeVector(v: unknown): Vector {
  const out: Vector = {}
  if (v && typeof v === 'object' && !Array.isArray(v))
    for (const [k, n] of Object.entries(v as Record<string, unknown>)) if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && k.length <= 64) out[k] = n
  return out
}

const addressOf = (body: Record<string, unknown>) => (typeof body.address === 'string' && /^[A-Za-z0-9.\-:]{3,80}$/.test(body.address) ? body.address : null)
