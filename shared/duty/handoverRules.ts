/**
 * The handover model as pure rules over plain data, used by the screens and the core alike
 * (the core refuses with the same messages the screen shows before the click).
 *
 * Several clerks are on duty at once, as the seeds roster them (早班 07:30–15:30, 中班 09:30–17:30,
 * 晚班 12:00–20:00):
 * - every rostered clerk starts their own duty and logs under their own name (one open shift per person);
 * - one open shift holds custody of the desk's items (the first to start when nobody holds it);
 * - a clerk whose shift ends hands over the open items they hold — and custody with its counts and
 *   the desk checklist, if they hold it — to a clerk still on duty or arriving (kind 'shift');
 * - the last clerk of a day without night duty closes the desk (kind 'dayClose': counts, checklist,
 *   open items; signed by the closer alone, status 'closed'); the next morning's first clerk accepts
 *   that closing with their PIN as the incoming signature (status 'signed'), and only then opens the
 *   day's duty. Nothing stays "overdue" overnight because no shift is open.
 *
 * LAN sync: the seal chain is per terminal (each signs into its own chain, numbered B-1, B-2 … on a
 * second terminal), so handovers signed at two terminals at once never fork one sequence. "One open
 * shift per person" and "one custodian" are checked against what this terminal holds: two terminals
 * cut off from each other could each let the first clerk of the day take custody; after the heal
 * `custodyClash` shows it on every desk until one of the two hands over to the other.
 */

import { overdueMinutes } from '../keys/rules'

export type HandoverKind = 'shift' | 'dayClose'
export type HandoverStatus = 'draft' | 'closed' | 'signed'
/** What is being signed now: a handover between two clerks, a closing, or the morning's acceptance. */
export type HandoverStep = 'handover' | 'close' | 'accept'

export const HANDOVER_KIND_LABELS: Record<HandoverKind, string> = { shift: '交接班', dayClose: '闭店交接' }
export const HANDOVER_STATUS_LABELS: Record<HandoverStatus, string> = { draft: '进行中', closed: '已闭店,待次日接收', signed: '已签名' }

export function stepOf(kind: HandoverKind, status: HandoverStatus): HandoverStep | null {
  if (status === 'signed') return null
  if (kind === 'shift') return 'handover'
  return status === 'draft' ? 'close' : 'accept'
}

/** Whose PIN this step needs. */
export function signersOf(step: HandoverStep): { outgoing: boolean; incoming: boolean } {
  return { outgoing: step !== 'accept', incoming: step !== 'close' }
}

// ─── Counts ────────────────────────────────────────────────────────────────────────────────

export interface CountFigures {
  expected: number
  /** 'carry': expected is what the last handover counted (parcels held …): only the two counts must agree. */
  carry: boolean
  outgoing: number | null
  incoming: number | null
}

/** Fixed items: both counts must equal the expected figure; carried stock: the two counts must agree. */
export function hasDifference(c: CountFigures): boolean {
  return closingDifference(c) || acceptDifference(c) || (!c.carry && c.incoming != null && c.incoming !== c.expected)
}

/** The closer's count differs from what the desk should hold. */
export const closingDifference = (c: CountFigures) => !c.carry && c.outgoing != null && c.outgoing !== c.expected
/** The morning's (incoming) count differs from the closer's. */
export const acceptDifference = (c: CountFigures) => c.outgoing != null && c.incoming != null && c.outgoing !== c.incoming

/** Which differences a step escalates to the supervisor when it is signed (each once). */
export function escalatesAt(step: HandoverStep, c: CountFigures): boolean {
  if (step === 'close') return closingDifference(c)
  if (step === 'accept') return acceptDifference(c)
  return hasDifference(c)
}

const money = (n: number | null, unit: 'count' | 'fen') => (n == null ? '—' : unit === 'fen' ? `${(n / 100).toFixed(2)} 元` : String(n))

export function differenceText(c: CountFigures & { unit: 'count' | 'fen' }): string {
  return `应有 ${money(c.expected, c.unit)},交班清点 ${money(c.outgoing, c.unit)},接班清点 ${money(c.incoming, c.unit)}`
}

// ─── What stops signing ────────────────────────────────────────────────────────────────────

export interface ProblemInput {
  kind: HandoverKind
  status: HandoverStatus
  /** The outgoing clerk holds custody: the checklist and the counts are part of the handover. */
  custody: boolean
  incoming: { id: string } | null
  pending: Array<{ entry: { id: string; content: string }; ack: unknown | null }>
  /** Key loans overdue at the handover (custody only); each acknowledged by the incoming clerk. */
  overdueKeys?: Array<{ loanId: string; tagNo: string; keyName: string; borrowerName: string; ack: unknown | null }>
  checklist: Array<{ code: string; name: string; ok: boolean | null }>
  counts: Array<CountFigures & { code: string; name: string; unit: 'count' | 'fen'; explanation: string | null; explainedById: string | null }>
}

export interface HandoverProblem {
  /** e.g. 'incoming', 'pending.<entryId>', 'checklist.<code>', 'counts.<code>.incoming', 'counts.<code>.explanation'. */
  field: string
  message: string
}

/**
 * The key loans a custody handover passes on as overdue: still out (the caller gives open loans)
 * and past due by the key desk's own measure, so the handover and 钥匙管理 agree on "overdue".
 */
export const overdueAtHandover = <T extends { dueAt: string }>(openLoans: T[], now: Date): T[] => openLoans.filter((l) => overdueMinutes(l.dueAt, now) > 0)

/** '001号 天台门钥匙(孙工)': how an overdue key is named in messages and on paper. */
export const overdueKeyLabel = (k: { tagNo: string; keyName: string; borrowerName: string }) => `${k.tagNo}号 ${k.keyName}(${k.borrowerName})`

const cut = (s: string, n = 16) => (s.length > n ? s.slice(0, n) + '…' : s)

/** What stops this step's signing, in screen order; handover.sign refuses with the first. */
export function problemsOf(v: ProblemInput): HandoverProblem[] {
  const step = stepOf(v.kind, v.status)
  if (!step) return []
  const out: HandoverProblem[] = []
  const needIncoming = step !== 'close'
  if (needIncoming && !v.incoming) out.push({ field: 'incoming', message: '接班人尚未输入工号和PIN确认身份' })
  if (needIncoming) {
    for (const p of v.pending) {
      if (!p.ack) out.push({ field: `pending.${p.entry.id}`, message: `待跟进事项「${cut(p.entry.content)}」接班人尚未确认` })
    }
  }
  if (step !== 'accept') {
    for (const c of v.checklist) {
      if (c.ok === null) out.push({ field: `checklist.${c.code}`, message: `环境检查「${c.name}」尚未检查` })
    }
  }
  for (const c of v.counts) {
    if (step !== 'accept' && c.outgoing == null) out.push({ field: `counts.${c.code}.outgoing`, message: `交接物品「${c.name}」交班人清点数未填写` })
    if (step !== 'close' && c.incoming == null) out.push({ field: `counts.${c.code}.incoming`, message: `交接物品「${c.name}」接班人清点数未填写` })
    const unexplained =
      step === 'accept'
        ? acceptDifference(c) && (!c.explanation || c.explainedById !== v.incoming?.id)
        : step === 'close'
          ? closingDifference(c) && !c.explanation
          : hasDifference(c) && !c.explanation
    if (unexplained) out.push({ field: `counts.${c.code}.explanation`, message: `交接物品「${c.name}」清点数不符(${differenceText(c)}),请填写差异说明` })
  }
  // After the counts, as on the screen and on paper (the key board is one of the desk's items).
  if (needIncoming) {
    for (const k of v.overdueKeys ?? []) {
      if (!k.ack) out.push({ field: `overdueKeys.${k.loanId}`, message: `逾期未还钥匙「${overdueKeyLabel(k)}」接班人尚未确认` })
    }
  }
  return out
}

// ─── Who holds what ────────────────────────────────────────────────────────────────────────

export interface OnDutyShift {
  id: string
  staffId: string
  staffName: string
  custody: boolean
}

/**
 * Who holds an open item: whoever last took it over in a signed handover (acknowledged it),
 * else the clerk whose shift recorded it.
 */
export const holderOf = (i: { shiftStaffId: string; takenOverById: string | null }) => i.takenOverById ?? i.shiftStaffId

/**
 * The open items a handover passes on: those the outgoing clerk holds; with custody also those
 * whose holder is no longer on duty (nobody else could answer for them).
 */
export function itemsToHandOver<T extends { holderId: string }>(items: T[], outgoingStaffId: string, custody: boolean, onDuty: OnDutyShift[]): T[] {
  const others = new Set(onDuty.filter((s) => s.staffId !== outgoingStaffId).map((s) => s.staffId))
  return items.filter((i) => i.holderId === outgoingStaffId || (custody && !others.has(i.holderId)))
}

/** A clerk starting duty holds custody when nobody on duty holds it. */
export const custodyOnStart = (onDuty: OnDutyShift[]) => !onDuty.some((s) => s.custody)

/**
 * People with two open shifts: each opened duty at a terminal the other could not reach (she moved to
 * another PC while the network was down). Both are kept when the terminals meet; she hands them over
 * one after the other (the older first).
 */
export function doubleShifts<T extends OnDutyShift>(onDuty: T[]): string[] {
  const seen = new Map<string, number>()
  for (const s of onDuty) seen.set(s.staffId, (seen.get(s.staffId) ?? 0) + 1)
  return [...new Set(onDuty.filter((s) => seen.get(s.staffId)! > 1).map((s) => s.staffName))]
}

/** The terminal beside which the desk's items sit (several terminals); null on a site with one terminal. */
export interface CustodyDesk {
  id: string
  name: string
}

/** Custody is taken and handed over only at the custody desk (anywhere, on a site with one terminal). */
export const atCustodyDesk = (terminalId: string, desk: CustodyDesk | null) => !desk || desk.id === terminalId

/** A handover or acceptance that moves custody, asked at another terminal: refused, naming the desk. */
export function custodyDeskRefusal(movesCustody: boolean, terminalId: string, desk: CustodyDesk | null): Refusal | null {
  if (!movesCustody || atCustodyDesk(terminalId, desk)) return null
  return { code: 'RULE', field: 'custody', message: `前台物品在 ${desk!.name}:保管物品的交接须在该终端办理(当面清点物品)` }
}

/**
 * Two clerks holding the desk's items at once: possible only when two terminals were cut off from each
 * other and each let the day's first clerk take custody. After the heal both desks show it until one
 * hands over to the other (the incoming clerk keeps custody, the outgoing shift closes). Null when fine.
 */
export function custodyClash<T extends OnDutyShift>(onDuty: T[]): T[] | null {
  const holders = onDuty.filter((s) => s.custody)
  return holders.length > 1 ? holders : null
}

export interface Refusal {
  code: 'RULE' | 'CONFLICT'
  field: string
  message: string
}

/** May this person start their own duty now? */
export function startRefusal(me: { id: string; name: string }, onDuty: OnDutyShift[], awaitingClose: { outgoingName: string } | null): Refusal | null {
  if (onDuty.some((s) => s.staffId === me.id)) return { code: 'CONFLICT', field: 'shift', message: `${me.name} 已在值班,无需重复开始` }
  if (awaitingClose) {
    return { code: 'RULE', field: 'handover', message: `${awaitingClose.outgoingName} 已闭店交接,请先接收闭店交接(清点物品、确认待跟进事项并输入PIN)后开始值班` }
  }
  return null
}

/** May this clerk start a handover of this kind? */
export function handoverStartRefusal(kind: HandoverKind, me: { id: string; name: string }, onDuty: OnDutyShift[]): Refusal | null {
  const mine = onDuty.find((s) => s.staffId === me.id)
  if (!mine) return { code: 'RULE', field: 'shift', message: `${me.name} 没有开始值班:只有当班值班员可以发起交班` }
  if (kind === 'dayClose') {
    const others = onDuty.filter((s) => s.staffId !== me.id)
    if (others.length) return { code: 'RULE', field: 'kind', message: `${others.map((s) => s.staffName).join('、')} 仍在值班:请交班给在岗人员,由当天最后一位值班员闭店` }
    if (!mine.custody) return { code: 'RULE', field: 'kind', message: '只有保管前台物品的值班员可以闭店' }
  }
  return null
}

/** May the closing be signed now (nobody else came on duty meanwhile)? */
export function closeRefusal(outgoingStaffId: string, onDuty: OnDutyShift[]): Refusal | null {
  const others = onDuty.filter((s) => s.staffId !== outgoingStaffId)
  if (!others.length) return null
  return { code: 'RULE', field: 'kind', message: `${others.map((s) => s.staffName).join('、')} 已在值班,不能闭店:请改为交班给在岗人员` }
}

/** The incoming clerk's shift must still be running or to come (one who has already handed over and left cannot take over). */
export function incomingRefusal(incoming: { name: string; endsAt: string } | null, now: Date): Refusal | null {
  if (incoming && new Date(incoming.endsAt).getTime() <= now.getTime()) {
    return { code: 'RULE', field: 'incoming', message: `接班人 ${incoming.name} 的班次已结束,不能接班;请由在岗或下一班的值班员接班` }
  }
  return null
}

/** Past its end plus the site's grace period and not handed over (接班人逾时未到岗). */
export const isOverdue = (shift: { endsAt: string }, graceMinutes: number, now: Date) => now.getTime() > new Date(shift.endsAt).getTime() + graceMinutes * 60_000
