import crypto from 'node:crypto'
import { handoverNo, type HandoverChainReport, type HandoverIntegrity } from '../../../shared/duty/handoverSchema'
import type { Reader } from '../db/connection'

/**
 * The seal of a signed handover. Each part (the record, the closed shift, its log entries, acks,
 * questions, checklist, counts) is digested from the stored rows; the handover's hash covers
 * the previous handover's hash, its sequence number and the digests, so an edit made behind the
 * app's back (triggers dropped, raw SQL) shows as a broken part or a broken link. The sign is also
 * written to the audit trail with its hash: re-sealing the whole chain does not hide a change either.
 */
export const GENESIS = '0'.repeat(64)
const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex')

export const PART_LABELS = {
  row: '交接班主记录',
  shift: '交班班次',
  entries: '本班值班记录',
  acks: '待跟进事项确认',
  questions: '交接询问',
  checks: '环境检查',
  counts: '物品清点',
  signatures: '手写签名',
  model: '交接方式与物品保管',
  keyAcks: '逾期钥匙确认',
} as const
type Part = keyof typeof PART_LABELS

const digest = (rows: Array<Record<string, unknown> | undefined>) => sha(JSON.stringify(rows.map((r) => (r ? Object.values(r) : null))))

/** Digests of every part, read from the rows as stored (the same query at signing and at checking). */
export async function digestsOf(r: Reader, id: string): Promise<Partial<Record<Part, string>>> {
  const row = await r.get<Record<string, unknown>>(
    `SELECT id, outgoing_shift_id, outgoing_staff_id, started_at, incoming_staff_id, incoming_at, incoming_date, incoming_shift_code,
            incoming_shift_name, incoming_starts_at, incoming_ends_at, rostered, override_by, override_reason, checklist, custody,
            signed_at, new_shift_id, summary, seq, prev_hash, deleted_at
       FROM handovers WHERE id = ?`,
    [id],
  )
  const shiftId = (row?.outgoing_shift_id as string) ?? ''
  const shift = await r.get<Record<string, unknown>>(
    `SELECT id, date, shift_code, shift_name, starts_at, ends_at, staff_id, status, opened_at, rostered, override_by, override_reason,
            opened_by_handover_id, closed_at, closed_by_handover_id, deleted_at
       FROM duty_shifts WHERE id = ?`,
    [shiftId],
  )
  const entries = await r.all<Record<string, unknown>>(
    `SELECT id, shift_id, at, kind, unit_id, person, content, action, passed_to, status, escalate_to, recorded_by, corrects_id,
            correction_reason, handover_id, locked_at, deleted_at
       FROM log_entries WHERE shift_id = ? ORDER BY id`,
    [shiftId],
  )
  const acks = await r.all<Record<string, unknown>>('SELECT id, entry_id, staff_id, at, note FROM handover_acks WHERE handover_id = ? ORDER BY id', [id])
  const questions = await r.all<Record<string, unknown>>(
    'SELECT id, entry_id, asked_by, at, question, answer FROM handover_questions WHERE handover_id = ? ORDER BY id',
    [id],
  )
  const checks = await r.all<Record<string, unknown>>(
    'SELECT id, item_code, ok, note, checked_by, at, deleted_at FROM handover_checks WHERE handover_id = ? ORDER BY id',
    [id],
  )
  const counts = await r.all<Record<string, unknown>>(
    `SELECT id, item_code, outgoing_count, outgoing_at, incoming_count, incoming_by, incoming_at, explanation, explained_by, deleted_at
       FROM handover_counts WHERE handover_id = ? ORDER BY id`,
    [id],
  )
  // Only handovers with drawn signatures have this part, so seals made before it existed still verify.
  const signatures = await r.all<Record<string, unknown>>('SELECT id, side, staff_id, at, data_url FROM handover_signatures WHERE handover_id = ? ORDER BY side', [id])
  // Several clerks on duty (issue D): the kind, custody and closing time. Records signed before it
  // (a 'shift' handover with custody, no closing, its shift without the custody flag) have no such
  // part, so their seals still verify; every later record has it.
  const model = await r.get<{ kind: string; with_custody: number; closed_at: string | null; shift_custody: number | null }>(
    `SELECT h.kind, h.with_custody, h.closed_at, d.custody AS shift_custody FROM handovers h LEFT JOIN duty_shifts d ON d.id = h.outgoing_shift_id WHERE h.id = ?`,
    [id],
  )
  // Overdue keys acknowledged (issue F): only handovers that had some have this part, so older seals still verify.
  const keyAcks = await r.all<Record<string, unknown>>('SELECT id, loan_id, staff_id, at, note FROM handover_key_acks WHERE handover_id = ? ORDER BY id', [id])
  const legacy = !model || (model.kind === 'shift' && model.with_custody === 1 && model.closed_at == null && !model.shift_custody)
  return {
    ...(legacy ? {} : { model: digest([model]) }),
    ...(signatures.length ? { signatures: digest(signatures) } : {}),
    ...(keyAcks.length ? { keyAcks: digest(keyAcks) } : {}),
    row: digest([row]),
    shift: digest([shift]),
    entries: digest(entries),
    acks: digest(acks),
    questions: digest(questions),
    checks: digest(checks),
    counts: digest(counts),
  }
}

export const chainHash = (prev: string, seq: number, digestsJson: string) => sha(`${prev}\n${seq}\n${digestsJson}`)

interface SealRow {
  id: string
  status: string
  chain: string
  mark: string | null
  seq: number
  prevHash: string | null
  digests: string | null
  hash: string | null
  signedAt: string | null
}

const SEAL_SELECT = `SELECT h.id, h.status, h.chain, t.series_mark AS mark, h.seq, h.prev_hash AS prevHash, h.digests, h.hash, h.signed_at AS signedAt
  FROM handovers h LEFT JOIN terminals t ON t.id = h.chain AND h.chain <> ''`

async function check(r: Reader, h: SealRow, prev: string | undefined): Promise<string[]> {
  const problems: string[] = []
  if (h.status !== 'signed') problems.push('签字状态被改动')
  if (!h.digests || !h.hash || chainHash(h.prevHash ?? '', h.seq, h.digests) !== h.hash) problems.push('签字哈希与记录不符')
  if (prev === undefined) problems.push(`缺少第 ${handoverNo(h.mark, h.seq - 1)} 号交接记录(可能被删除)`)
  else if (h.prevHash !== prev) problems.push('与前一条交接记录的链接不符')
  let stored: Partial<Record<Part, string>> = {}
  try {
    stored = JSON.parse(h.digests ?? '{}') as Partial<Record<Part, string>>
  } catch {
    problems.push('签字摘要被改动')
  }
  const now = await digestsOf(r, h.id)
  const changed = (Object.keys(PART_LABELS) as Part[]).filter((p) => stored[p] !== now[p]).map((p) => PART_LABELS[p])
  if (changed.length) problems.push(`内容被改动:${changed.join('、')}`)
  const signAudit = await r.get<{ changes: string }>(`SELECT changes FROM audit_events WHERE action = 'handover.sign' AND entity_id = ? ORDER BY seq DESC LIMIT 1`, [h.id])
  let audited: string | undefined
  try {
    audited = signAudit ? (JSON.parse(signAudit.changes) as { hash?: string }).hash : undefined
  } catch {
    audited = undefined
  }
  if (audited !== h.hash) problems.push('与审计日志中的签字记录不符')
  return problems
}

async function prevHashOf(r: Reader, chain: string, seq: number): Promise<string | undefined> {
  if (seq === 1) return GENESIS
  return (await r.get<{ hash: string | null }>('SELECT hash FROM handovers WHERE chain = ? AND seq = ?', [chain, seq - 1]))?.hash ?? undefined
}

/** One signed handover: does it still match its seal, its place in the chain and the audit trail? */
export async function verifyOne(r: Reader, id: string): Promise<HandoverIntegrity | null> {
  const h = await r.get<SealRow>(`${SEAL_SELECT} WHERE h.id = ? AND h.seq IS NOT NULL`, [id])
  if (!h) return null
  const problems = await check(r, h, await prevHashOf(r, h.chain, h.seq))
  return { ok: !problems.length, reason: problems.length ? problems.join(';') : null }
}

/** Every terminal's chain, each in order; every broken handover is reported with what is wrong. */
export async function verifyChain(r: Reader): Promise<HandoverChainReport> {
  const rows = await r.all<SealRow>(`${SEAL_SELECT} WHERE h.seq IS NOT NULL ORDER BY h.chain, h.seq`)
  const broken: HandoverChainReport['broken'] = []
  let chain: string | null = null
  let prev: string | undefined = GENESIS
  let expected = 1
  for (const h of rows) {
    if (h.chain !== chain) [chain, prev, expected] = [h.chain, GENESIS, 1]
    const link = h.seq === expected ? prev : undefined
    const problems = await check(r, h, link)
    if (problems.length) broken.push({ id: h.id, seq: h.seq, no: handoverNo(h.mark, h.seq), signedAt: h.signedAt, reason: problems.join(';') })
    prev = h.hash ?? undefined
    expected = h.seq + 1
  }
  return { ok: !broken.length, checked: rows.length, broken }
}
