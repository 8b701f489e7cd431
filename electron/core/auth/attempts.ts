import { eq } from 'drizzle-orm'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import type { Writer } from '../db/connection'
import { staff } from '../db/schema'
import { DeskError } from '../errors'
import { newId } from '../ids'
import { checkPin } from './pin'

/** Every MAX_FAILED-th wrong PIN in a row locks the staff number for LOCK_MINUTES. */
export const MAX_FAILED = 5
export const LOCK_MINUTES = 5
/** Per staff number: the first wrong PINs cost nothing; from the 3rd on, the next guess waits 1 s, 2 s, 4 s … */
export const FREE_FAILURES = 3
export const MAX_DELAY_SECONDS = 15 * 60
/** Per terminal: wrong PINs for any staff number within the window; past TERMINAL_FREE, delays double too. */
export const TERMINAL_FREE = 10
export const TERMINAL_WINDOW_MINUTES = 60
export const TERMINAL_MAX_DELAY_SECONDS = 5 * 60

/** Seconds the next guess waits after `n` wrong PINs in a row for one staff number. */
export function staffDelaySeconds(n: number): number {
  return n < FREE_FAILURES ? 0 : Math.min(2 ** (n - FREE_FAILURES), MAX_DELAY_SECONDS)
}

/** Seconds the next guess on this terminal waits after `m` wrong PINs on it within the window. */
export function terminalDelaySeconds(m: number): number {
  return m < TERMINAL_FREE ? 0 : Math.min(2 ** (m - TERMINAL_FREE), TERMINAL_MAX_DELAY_SECONDS)
}

/**
 * Unknown (or removed) staff numbers are checked against this hash, so they cost the same scrypt as a
 * real one: the answer's timing does not tell whether a number exists. Random; matches no PIN.
 */
const DUMMY_HASH = 'scrypt$16384$8$1$iK2tCKW8NR66Rr1QRJJ7pg==$d8eZzDl3PzfLxHhXD0Au6NZyaD8A97QQL/cBiWdfhqs='

export type StaffRecord = typeof staff.$inferSelect
export type PinSubject = { staffNo: string } | { id: string }

export type PinVerdict =
  | { ok: true; staff: StaffRecord }
  | { ok: false; reason: 'wrong'; remaining: number }
  | { ok: false; reason: 'locked'; until: string; justNow: boolean }
  | { ok: false; reason: 'wait'; seconds: number; terminal: boolean }
  | { ok: false; reason: 'disabled' }

export interface PinPurpose {
  /** Recorded with the attempt: login, handover.incoming, override, handover.sign, changePin. */
  code: string
  /** Words for the audit line: 登录, 接班人, 主管 … */
  label: string
}

interface RunState {
  /** Wrong PINs in a row since the last success or reset. */
  n: number
  lastAt: string | null
  lockedUntil: string | null
}

/**
 * The run of wrong PINs of one staff number. "In a row" is rowid order, i.e. the order the attempts
 * were recorded here; once LAN sync merges other terminals' attempts, theirs count as well (union of
 * append-only facts), which can only make the lock stricter, never looser.
 */
async function runOf(w: Writer, staffNo: string): Promise<RunState> {
  const since = (await w.get<{ rid: number | null }>(`SELECT max(rowid) AS rid FROM pin_attempts WHERE staff_no = ? AND outcome <> 'fail'`, [staffNo]))?.rid ?? 0
  const r = await w.get<RunState>(
    `SELECT count(*) AS n, max(created_at) AS lastAt, max(locked_until) AS lockedUntil
       FROM pin_attempts WHERE staff_no = ? AND outcome = 'fail' AND rowid > ?`,
    [staffNo, since],
  )
  return r ?? { n: 0, lastAt: null, lockedUntil: null }
}

/** Wrong PINs on this terminal within the window, any staff number (spraying many numbers). */
async function terminalFailures(w: Writer, ctx: Ctx, now: Date): Promise<{ m: number; lastAt: string | null }> {
  const from = new Date(now.getTime() - TERMINAL_WINDOW_MINUTES * 60_000).toISOString()
  const r = await w.get<{ m: number; lastAt: string | null }>(
    `SELECT count(*) AS m, max(created_at) AS lastAt FROM pin_attempts WHERE terminal_id = ? AND outcome = 'fail' AND created_at > ?`,
    [ctx.terminalId, from],
  )
  return r ?? { m: 0, lastAt: null }
}

const waitLeft = (lastAt: string | null, seconds: number, now: Date) =>
  lastAt && seconds > 0 ? Math.ceil((new Date(lastAt).getTime() + seconds * 1000 - now.getTime()) / 1000) : 0

async function record(w: Writer, ctx: Ctx, staffNo: string, staffId: string | null, purpose: string, outcome: 'fail' | 'ok' | 'reset', lockedUntil: string | null = null) {
  const at = ctx.now().toISOString()
  await w.run(
    `INSERT INTO pin_attempts (id, created_at, updated_at, terminal_id, deleted_at, staff_no, staff_id, purpose, outcome, locked_until)
     VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
    [newId(), at, at, ctx.terminalId, staffNo, staffId, purpose, outcome, lockedUntil],
  )
}

/** An administrator's reset (or the person's own PIN change) ends any run of wrong PINs and any lock. */
export function clearPinRun(w: Writer, ctx: Ctx, s: StaffRecord, purpose: string): Promise<void> {
  return record(w, ctx, s.staffNo, s.id, purpose, 'reset')
}

/**
 * Checks a PIN with the lock-out read, checked and counted in ONE serialised write transaction, so
 * parallel guesses queue behind each other and each sees the count the previous one left: once a
 * number is locked or must wait, no further guess is evaluated. The scrypt runs inside that
 * transaction (tens of ms); delays refuse at once instead of sleeping, so they hold up nobody else.
 * Unknown, removed and disabled numbers answer exactly like a wrong PIN until the PIN is right.
 * `onOk` runs in the same transaction after a right PIN (the caller's audit line, a PIN change).
 */
export function verifyPin(
  ctx: Ctx,
  who: PinSubject,
  pin: string,
  purpose: PinPurpose,
  onOk?: (w: Writer, s: StaffRecord, failuresBefore: number) => Promise<void>,
): Promise<PinVerdict> {
  return ctx.db.tx(async (w): Promise<PinVerdict> => {
    const where = 'id' in who ? eq(staff.id, who.id) : eq(staff.staffNo, who.staffNo)
    const s = (await w.orm.select().from(staff).where(where).get()) ?? null
    const known = s && !s.deletedAt ? s : null
    const staffNo = s?.staffNo ?? ('staffNo' in who ? who.staffNo : `id:${who.id}`)
    const now = ctx.now()
    const run = await runOf(w, staffNo)
    if (run.lockedUntil && new Date(run.lockedUntil) > now) return { ok: false, reason: 'locked', until: run.lockedUntil, justNow: false }
    const staffWait = waitLeft(run.lastAt, staffDelaySeconds(run.n), now)
    if (staffWait > 0) return { ok: false, reason: 'wait', seconds: staffWait, terminal: false }
    const term = await terminalFailures(w, ctx, now)
    const termWait = waitLeft(term.lastAt, terminalDelaySeconds(term.m), now)
    if (termWait > 0) return { ok: false, reason: 'wait', seconds: termWait, terminal: true }

    const right = (await checkPin(pin, known?.pinHash ?? DUMMY_HASH)) && !!known
    if (right && known) {
      if (!known.active) return { ok: false, reason: 'disabled' }
      if (run.n > 0) await record(w, ctx, staffNo, known.id, purpose.code, 'ok')
      await onOk?.(w, known, run.n)
      return { ok: true, staff: known }
    }
    const n = run.n + 1
    const lock = n % MAX_FAILED === 0 ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null
    await record(w, ctx, staffNo, known?.id ?? null, purpose.code, 'fail', lock)
    // Known and unknown numbers leave the same audit line; only the entity id tells them apart.
    const actor = ctx.staff?.id ?? known?.id ?? null
    await audit(w, ctx, { action: 'auth.fail', entity: 'staff', entityId: known?.id ?? null, summary: `工号 ${staffNo} ${purpose.label}PIN错误(连续第${n}次)` }, actor)
    if (lock) {
      await audit(w, ctx, { action: 'auth.lock', entity: 'staff', entityId: known?.id ?? null, summary: `工号 ${staffNo} 连续${n}次PIN错误,锁定${LOCK_MINUTES}分钟`, changes: { lockedUntil: lock } }, actor)
      return { ok: false, reason: 'locked', until: lock, justNow: true }
    }
    return { ok: false, reason: 'wrong', remaining: MAX_FAILED - (n % MAX_FAILED) }
  })
}

const hhmm = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' })
const waitText = (s: number) => (s < 90 ? `${s} 秒` : `${Math.ceil(s / 60)} 分钟`)

/**
 * The refusal a caller throws for a verdict. `who` prefixes the message (接班人, 主管, 原 …); by a typed
 * staff number the words never differ between a wrong PIN and an unknown number.
 */
export function pinRefusal(v: Exclude<PinVerdict, { ok: true }>, o: { field: string; who?: string; byNumber: boolean }): DeskError {
  const who = o.who ?? ''
  switch (v.reason) {
    case 'wrong':
      return new DeskError('BAD_CREDENTIALS', `${who}${o.byNumber ? '工号或PIN' : 'PIN'}不正确,还可尝试 ${v.remaining} 次`, o.field)
    case 'locked':
      return new DeskError(
        'LOCKED',
        v.justNow ? `${who}连续${MAX_FAILED}次输错PIN,已锁定${LOCK_MINUTES}分钟(至 ${hhmm(v.until)})` : `${who}连续输错PIN,已锁定至 ${hhmm(v.until)},请稍后再试`,
        o.field,
      )
    case 'wait':
      return new DeskError('LOCKED', v.terminal ? `本机PIN输错次数较多,请 ${waitText(v.seconds)}后再试` : `${who}PIN输错次数较多,请 ${waitText(v.seconds)}后再试`, o.field)
    case 'disabled':
      return new DeskError('FORBIDDEN', `${who}该账号已停用,请联系客服管理员`, o.field)
  }
}

/** The lock of each staff number now in force (staff list). */
export async function locksInForce(r: { all: Writer['all'] }, now: Date): Promise<Map<string, string>> {
  const rows = await r.all<{ staffNo: string; until: string }>(
    `SELECT a.staff_no AS staffNo, max(a.locked_until) AS until FROM pin_attempts a
      WHERE a.outcome = 'fail' AND a.locked_until IS NOT NULL
        AND a.rowid > coalesce((SELECT max(b.rowid) FROM pin_attempts b WHERE b.staff_no = a.staff_no AND b.outcome <> 'fail'), 0)
      GROUP BY a.staff_no`,
  )
  return new Map(rows.filter((x) => new Date(x.until) > now).map((x) => [x.staffNo, x.until]))
}
