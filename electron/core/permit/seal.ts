import crypto from 'node:crypto'
import { PERMIT_KIND_LABELS, type PermitKind } from '../../../shared/permit/kinds'
import { brokenSealMessage, describeChanges, type PermitSealReport, type PermitSealStatus, type PermitSnapshot } from '../../../shared/permit/seal'
import type { LocalStamp } from '../../../shared/time/calendar'
import { newRowMeta, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { permitSeals } from '../db/schema'
import { DeskError } from '../errors'
import { newId } from '../ids'
import { getSiteRow } from '../site/service'
import { hmac } from './site'

/**
 * The keyed, chained history of every permit (issue E). Each change of a permit — its row, reviews,
 * prints, files, deposit-ledger rows — appends a seal: the snapshot, its SHA-256, and an HMAC under the
 * site's secret over (id, terminal, seq, previous MAC, permit, event, time, digest). Seals form one
 * chain per terminal (seq 1, 2, …), so LAN sync can merge terminals' histories without renumbering.
 *
 * What it proves: whoever edits the database without the secret (raw SQL, triggers dropped) cannot
 * make a seal that matches, so a permit changed behind the app — a used slip set back to issued, a
 * carrier renamed — no longer matches its latest seal; a deleted seal breaks its neighbours' links; and
 * the audit trail's use/return/void/print events must agree with the stored state. What it cannot
 * prove alone: that the newest seals of a terminal were not cut off together with the changes they
 * recorded and the matching audit rows (the chain's head kept outside the database would show that).
 */

export const GENESIS = '0'.repeat(64)
const sha = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex')

/** Every column of `permits` that a person or a rule reads; updated_at/terminal_id are sync bookkeeping. */
const PERMIT_COLUMNS = `id, created_at, deleted_at, kind, serial, year, state, unit_id, unit_label, renovation_id, parent_serial,
  replaces_id, replaces_serial, applicant, applicant_name, holder_name, owner_consent, fields, valid_from, valid_until,
  extended_from, submitted_at, submitted_by, issued_at, used_at, used_by, returned_at, return_note, voided_at, void_reason,
  print_count, check_code`

/** The permit and its facts as stored now (null: no such permit row). */
export async function snapshotOf(r: Reader, permitId: string): Promise<PermitSnapshot | null> {
  const permit = await r.get<Record<string, unknown>>(`SELECT ${PERMIT_COLUMNS} FROM permits WHERE id = ?`, [permitId])
  if (!permit) return null
  const reviews = await r.all<Record<string, unknown>>(
    'SELECT id, step, role, staff_id, staff_name, at, decision, opinion, deleted_at FROM permit_reviews WHERE permit_id = ? ORDER BY id',
    [permitId],
  )
  const prints = await r.all<Record<string, unknown>>('SELECT id, at, staff_id, reprint, deleted_at FROM permit_prints WHERE permit_id = ? ORDER BY id', [permitId])
  const fileRows = await r.all<Record<string, unknown> & { data_url: string }>(
    'SELECT id, kind, label, file_name, mime, size_bytes, data_url, deleted_at FROM permit_files WHERE permit_id = ? ORDER BY id',
    [permitId],
  )
  const files = fileRows.map(({ data_url, ...f }) => ({ ...f, sha256: sha(data_url) }))
  const ledger = await r.all<Record<string, unknown>>(
    `SELECT id, pass_id, renovation_id, kind, item, amount_fen, receipt_no, staff_id, at, note, deleted_at
       FROM deposit_ledger WHERE pass_id = ? ORDER BY id`,
    [permitId],
  )
  return { permit, reviews, prints, files, ledger }
}

interface SealRow {
  id: string
  terminalId: string
  seq: number
  permitId: string
  event: string
  at: string
  snapshot: string
  digest: string
  prevMac: string
  mac: string
}

const SEAL_SELECT = `SELECT id, terminal_id AS terminalId, seq, permit_id AS permitId, event, at, snapshot, digest, prev_mac AS prevMac, mac FROM permit_seals`

const macOf = (secret: string, s: Omit<SealRow, 'snapshot' | 'mac'>) =>
  hmac(secret, JSON.stringify(['permit-seal', s.id, s.terminalId, s.seq, s.prevMac, s.permitId, s.event, s.at, s.digest]))

async function secretOf(r: Reader): Promise<string> {
  const row = await getSiteRow(r)
  if (!row) throw new DeskError('NOT_FOUND', '项目尚未初始化')
  return row.secret
}

async function append(w: Writer, ctx: Ctx, secret: string, permitId: string, event: string, at: LocalStamp): Promise<void> {
  const snap = await snapshotOf(w, permitId)
  if (!snap) throw new Error(`sealPermit: 证件 ${permitId} 不存在`)
  const snapshot = JSON.stringify(snap)
  const last = await w.get<{ seq: number; mac: string }>('SELECT seq, mac FROM permit_seals WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1', [ctx.terminalId])
  const meta = newRowMeta(ctx, newId())
  const s = { id: meta.id, terminalId: ctx.terminalId, seq: (last?.seq ?? 0) + 1, permitId, event, at, digest: sha(snapshot), prevMac: last?.mac ?? GENESIS }
  await w.orm.insert(permitSeals).values({ ...meta, ...s, snapshot, mac: macOf(secret, s) })
}

/**
 * Seals the permit as it now stands in the caller's transaction (call it after every write that
 * touches the permit or its facts). The first seal ever written on a site first seals every permit
 * made before seals existed, as it stands ('baseline'), so none is left without a history.
 */
export async function sealPermit(w: Writer, ctx: Ctx, permitId: string, event: string, at: LocalStamp): Promise<void> {
  const secret = await secretOf(w)
  const any = await w.get<{ id: string }>('SELECT id FROM permit_seals LIMIT 1')
  if (!any) {
    const old = await w.all<{ id: string }>('SELECT id FROM permits WHERE id <> ? ORDER BY id', [permitId])
    for (const p of old) await append(w, ctx, secret, p.id, 'baseline', at)
  }
  await append(w, ctx, secret, permitId, event, at)
}

/** Problems of one seal row: its own MAC and digest, and its links to its neighbours on its terminal. */
async function rowProblems(r: Reader, secret: string, s: SealRow): Promise<string[]> {
  const out: string[] = []
  if (sha(s.snapshot) !== s.digest || macOf(secret, s) !== s.mac) out.push('封存记录被改动')
  const prev = s.seq > 1 ? await r.get<{ mac: string }>('SELECT mac FROM permit_seals WHERE terminal_id = ? AND seq = ?', [s.terminalId, s.seq - 1]) : { mac: GENESIS }
  if (!prev) out.push('封存链缺少前一条记录(可能被删除)')
  else if (prev.mac !== s.prevMac) out.push('封存链与前一条记录不符')
  const next = await r.get<{ prevMac: string }>('SELECT prev_mac AS prevMac FROM permit_seals WHERE terminal_id = ? AND seq = ?', [s.terminalId, s.seq + 1])
  if (next && next.prevMac !== s.mac) out.push('封存链与后一条记录不符')
  if (!next) {
    const later = await r.get<{ seq: number }>('SELECT seq FROM permit_seals WHERE terminal_id = ? AND seq > ? LIMIT 1', [s.terminalId, s.seq])
    if (later) out.push('封存链缺少后一条记录(可能被删除)')
  }
  return out
}

/** Events of the audit trail that fix a permit's state: the stored permit must agree with them. */
async function auditProblems(r: Reader, permitId: string, permit: Record<string, unknown>): Promise<string[]> {
  const rows = await r.all<{ action: string; n: number }>(
    `SELECT action, count(*) AS n FROM audit_events WHERE entity = 'permit' AND entity_id = ? AND action IN ('permit.use', 'permit.return', 'permit.void', 'permit.print') GROUP BY action`,
    [permitId],
  )
  const n = (a: string) => rows.find((x) => x.action === a)?.n ?? 0
  const out: string[] = []
  if (n('permit.use') && permit.state !== 'used') out.push('审计日志记载已使用,记录却不是已使用')
  if (n('permit.return') && permit.state !== 'returned') out.push('审计日志记载已交回,记录却不是已交回')
  if (n('permit.void') && permit.state !== 'voided') out.push('审计日志记载已作废,记录却不是已作废')
  if (Number(permit.print_count) < n('permit.print')) out.push(`审计日志记载打印${n('permit.print')}次,记录为${String(permit.print_count)}次`)
  return out
}

/** Does the permit as stored match its latest seal, is every seal of it intact and linked? */
export async function checkSeal(r: Reader, permitId: string, secret?: string): Promise<PermitSealStatus> {
  const key = secret ?? (await secretOf(r))
  const rows = await r.all<SealRow>(`${SEAL_SELECT} WHERE permit_id = ? ORDER BY id`, [permitId])
  const stored = await snapshotOf(r, permitId)
  if (!stored) return { ok: false, sealed: false, count: 0, problems: ['证件记录不存在(可能被删除)'] }
  const problems: string[] = []
  if (!rows.length) {
    const any = await r.get<{ id: string }>('SELECT id FROM permit_seals LIMIT 1')
    // No seal on the whole site yet: a permit made before seals existed (sealed at the next change).
    if (!any) return { ok: true, sealed: false, count: 0, problems: [] }
    problems.push('缺少封存记录')
  }
  for (const s of rows) for (const p of await rowProblems(r, key, s)) if (!problems.includes(p)) problems.push(p)
  const last = rows[rows.length - 1]
  if (last) {
    let sealed: PermitSnapshot | null = null
    try {
      sealed = JSON.parse(last.snapshot) as PermitSnapshot
    } catch {
      problems.push('封存记录被改动')
    }
    if (sealed && JSON.stringify(sealed) !== JSON.stringify(stored)) {
      const what = describeChanges(sealed, stored)
      problems.push(`记录被改动:${what.length ? what.join('、') : '内容'}`)
    }
  }
  for (const p of await auditProblems(r, permitId, stored.permit)) problems.push(p)
  return { ok: problems.length === 0, sealed: rows.length > 0, count: rows.length, problems }
}

/** Refuses to act on a permit whose seal is broken; `what` names it (装修许可证 ZX-2026-0001). */
export async function requireSealed(r: Reader, permitId: string, what: string, action: string, field = 'id'): Promise<void> {
  const status = await checkSeal(r, permitId)
  if (!status.ok) throw new DeskError('RULE', brokenSealMessage(what, status, action), field)
}

/** 校验: every terminal's chain from its first seal, and every permit against its latest seal. */
export async function checkAllSeals(r: Reader): Promise<PermitSealReport> {
  const secret = await secretOf(r)
  const broken: PermitSealReport['broken'] = []
  const permitRows = await r.all<{ id: string; serial: string; kind: PermitKind }>('SELECT id, serial, kind FROM permits ORDER BY serial')
  for (const p of permitRows) {
    const s = await checkSeal(r, p.id, secret)
    if (!s.ok) broken.push({ id: p.id, serial: p.serial, kindName: PERMIT_KIND_LABELS[p.kind] ?? p.kind, reason: s.problems.join(';') })
  }
  // Seals of permits that no longer exist, and gaps at the start of a chain, show in the chains' walk.
  const chains = await r.all<{ terminalId: string; n: number; maxSeq: number }>(
    'SELECT terminal_id AS terminalId, count(*) AS n, max(seq) AS maxSeq FROM permit_seals GROUP BY terminal_id',
  )
  let seals = 0
  for (const c of chains) {
    seals += c.n
    if (c.n !== c.maxSeq) broken.push({ id: '', serial: '—', kindName: '封存链', reason: `终端 ${c.terminalId} 的封存链应有 ${c.maxSeq} 条,实有 ${c.n} 条(有记录被删除)` })
  }
  const orphans = await r.all<{ permitId: string }>('SELECT DISTINCT permit_id AS permitId FROM permit_seals WHERE permit_id NOT IN (SELECT id FROM permits)')
  for (const o of orphans) broken.push({ id: o.permitId, serial: '—', kindName: '证件', reason: '有封存记录的证件已不存在(可能被删除)' })
  return { ok: broken.length === 0, checked: permitRows.length, seals, broken }
}
