import type { AgentScope } from '../registry/schema'
import { ROLE_LABELS, type Role } from '../roles'
import { normalizeCode } from './code'
import { parseSerial } from './serial'
import {
  APPLICANT_ROLE_LABELS,
  PERMIT_KIND_DEFS,
  PERMIT_STATE_LABELS,
  kindDef,
  type PermitKind,
  type ReviewStepDef,
} from './kinds'
import type { Applicant, OwnerConsent } from './schema/common'
import { no, ok, yes, type Check, type Derived, type Outcome, type PermitFieldsByKind, type PermitRecord, type PermitRecordOf, type Review } from './schema/record'
import { dayOf, isStamp, maxString, type LocalStamp } from '../time/calendar'
import { effectiveState, formatValidity, hasEnded, notYetValid, renovationIsLive } from './validity'

/**
 * The approval engine: one set of pure functions for every form kind, driven by kinds.ts. Nothing here
 * reads the clock (`now` is a local stamp, time.ts), the database or a secret. Each function answers
 * with a Chinese reason when the answer is no, fit to show the clerk as it is.
 *
 * State machine (transition):
 *   draft ─submit→ inReview ─review(approve, last step)→ approved ─print→ issued ─print→ issued (补打)
 *   draft ─submit→ approved                      (kinds without review steps: worker pass)
 *   inReview ─review(refuse)→ refused            (ends it)
 *   issued ─return→ returned (also once expired: a pass handed back for its deposit)
 *   issued ─use→ used                            (per kind's `ends`; release slip: on its day, once)
 *   approved|issued ─expire→ expired             (also derived from the clock: effectiveState)
 *   draft|inReview|approved|issued ─void(reason)→ voided
 */

export { effectiveState, formatValidity, hasEnded, notYetValid, hotWorkMaxHours, hotWorkWindow, renovationIsLive, workerPassValidity } from './validity'
export {
  CHECK_CODE_LENGTH,
  QR_PREFIX,
  checkCode,
  checkCodeFields,
  printCode,
  MAX_GENERATION,
  type ScannedText,
  holderOf,
  normalizeCode,
  parseQrPayload,
  qrPayload,
  verifyCode,
  type HmacFn,
} from './code'
export { formatSerial, normalizeSerial, parseSerial, type SerialParts } from './serial'
export { checkFields } from './schema/index'

const orList = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join('、')}或${xs[xs.length - 1]}`)

// ───────────────────────────── applying ─────────────────────────────

/** What the service found in the registry (and the unit's renovation) about the person asking. */
export interface ApplyContext {
  now: LocalStamp
  /** The registry lists the applicant as an owner of the unit. */
  isOwner?: boolean
  /** Scopes of the applicant's live (unrevoked, unexpired) authorisation from an owner of the unit. */
  agentScopes?: readonly AgentScope[]
  /** The applicant is the lead named on the unit's approved renovation (same person). */
  isRenovationLead?: boolean
  /** Required when the applicant is a tenant. */
  ownerConsent?: OwnerConsent | null
  /** The unit's renovation, for kinds that hang on one. */
  renovation?: PermitRecord | null
}

/**
 * May this person apply for this form? Owner: must be the unit's registered owner. Lead: authorised by
 * the owner (a registry authorisation for 装修事务, or the lead named on the approved renovation).
 * Agent: an owner's authorisation covering the form. Tenant: only where the kind allows it, and only with
 * the owner's consent recorded. Worker pass and extension: the renovation must be approved and running.
 */
export function canApply(kind: PermitKind, applicant: Pick<Applicant, 'role'>, ctx: ApplyContext): Check {
  const def = kindDef(kind)
  if (!def.applicants.includes(applicant.role)) {
    return no(`${def.formName}只能由${orList(def.applicants.map((r) => APPLICANT_ROLE_LABELS[r]))}申请`, 'applicant.role')
  }
  switch (applicant.role) {
    case 'owner':
      if (!ctx.isOwner) return no('申请人不是该房屋登记的业主', 'applicant.residentId')
      break
    case 'lead':
      if (!ctx.isRenovationLead && !ctx.agentScopes?.includes('renovation')) {
        return no('装修负责人须经业主授权(登记业主委托的装修事务,或为已批准装修申请的负责人)', 'applicant.agentId')
      }
      break
    case 'agent':
      if (!def.agentScope || !ctx.agentScopes?.includes(def.agentScope)) return no(`代理人没有业主对「${def.formName}」的授权`, 'applicant.agentId')
      break
    case 'tenant':
      if (!ctx.ownerConsent) return no('租户申请须经业主同意,请先登记业主同意', 'ownerConsent')
      break
  }
  if (def.needsRenovation) {
    const live = renovationIsLive(ctx.renovation ?? null, ctx.now, `办理${def.formName}`)
    if (!live.ok) return live
  }
  return yes
}

/** A new application in `draft`, from the checked input and the kind rule's output (checkFields). */
export function draftRecord<K extends PermitKind>(
  kind: K,
  input: { unitId?: string; unitLabel: string; applicant: Applicant; ownerConsent?: OwnerConsent | null },
  derived: Derived<PermitFieldsByKind[K]>,
  now: LocalStamp,
): PermitRecordOf<K> {
  const r = {
    kind,
    serial: null,
    state: 'draft',
    unitId: input.unitId,
    unitLabel: input.unitLabel,
    applicant: input.applicant,
    ...(input.ownerConsent ? { ownerConsent: input.ownerConsent } : {}),
    fields: derived.fields,
    reviews: [],
    validFrom: derived.validFrom,
    validUntil: derived.validUntil,
    ...(derived.parentSerial ? { parentSerial: derived.parentSerial } : {}),
    createdAt: now,
    printCount: 0,
  }
  return r as PermitRecordOf<K>
}

// ───────────────────────────── reviewing ─────────────────────────────

export interface NextStep extends ReviewStepDef {
  index: number
}

/** The step waiting for a decision, or null when the record is not in review. */
export function nextStep(record: PermitRecord): NextStep | null {
  if (record.state !== 'inReview') return null
  const steps = kindDef(record.kind).steps
  const index = record.reviews.filter((r) => r.decision === 'approve').length
  return index < steps.length ? { ...steps[index], index } : null
}

/** May staff holding `staffRoles` decide the waiting step? One person decides one step of an application. */
export function canReview(record: PermitRecord, staffRoles: readonly Role[], staffId?: string): Check {
  if (record.state !== 'inReview') return no(`该申请${PERMIT_STATE_LABELS[record.state]},不在审批中`)
  const step = nextStep(record)
  if (!step) return no('审批已完成')
  if (!staffRoles.includes(step.role)) return no(`当前环节为「${step.label}」,须由${ROLE_LABELS[step.role]}审批`)
  if (staffId && record.reviews.some((r) => r.staffId === staffId)) return no('同一人不能审批同一申请的两个环节')
  return yes
}

/** Records a decision on the waiting step. A refusal needs its reason and ends the application. */
export function applyReview<R extends PermitRecord>(record: R, review: Review): Outcome<R> {
  const can = canReview(record, [review.role], review.staffId)
  if (!can.ok) return can
  const step = nextStep(record)!
  if (review.step !== step.index) return no(`审批环节不符,当前应为「${step.label}」`)
  if (!review.staffName.trim()) return no('审批人姓名不能为空')
  if (!isStamp(review.at)) return no('审批时间格式应为 YYYY-MM-DD HH:mm')
  const opinion = review.opinion.trim()
  if (review.decision === 'refuse' && !opinion) return no('不同意时必须填写理由', 'opinion')
  const steps = kindDef(record.kind).steps
  const state = review.decision === 'refuse' ? 'refused' : step.index === steps.length - 1 ? 'approved' : 'inReview'
  return ok({ ...record, state, reviews: [...record.reviews, { ...review, opinion }] })
}

/** Steps not yet approved, by label. */
export function missingApprovals(record: PermitRecord): string[] {
  const steps = kindDef(record.kind).steps
  return steps
    .filter((s, i) => !record.reviews.some((r) => r.step === i && r.role === s.role && r.decision === 'approve'))
    .map((s) => s.label)
}

// ───────────────────────────── printing ─────────────────────────────

/**
 * May the document be printed (first time or 补打) at `now`? Not before every step approved (hot work:
 * engineering, safety AND director), never when refused, voided, used, returned or expired; a release
 * slip only on its day.
 */
export function canPrint(record: PermitRecord, now: LocalStamp): Check {
  const def = kindDef(record.kind)
  const state = effectiveState(record, now)
  switch (state) {
    case 'voided':
      return no(`该${def.name}已作废,不能打印${record.voidReason ? `(作废原因:${record.voidReason})` : ''}`)
    case 'refused':
      return no(`该申请未获批准,不能打印${def.name}`)
    case 'used':
      return no(`该${def.name}已使用,不能打印`)
    case 'returned':
      return no(`该${def.name}已交回,不能打印`)
    case 'expired':
      return no(`该${def.name}已过期(有效期至 ${record.validUntil}),不能打印`)
  }
  if (state === 'draft') return no(`该申请尚未提交,不能打印${def.name}`)
  const missing = missingApprovals(record)
  if (state === 'inReview' || missing.length > 0) {
    const who = def.steps.map((s) => s.label).join('、')
    return no(`${def.name}须经${who}后方可打印${missing.length ? `(尚缺:${missing.join('、')})` : ''}`)
  }
  if (!record.serial) return no('尚无编号,不能打印')
  if (record.kind === 'releaseSlip' && dayOf(now) !== record.validFrom) {
    return no(`物品放行条只能在放行当日(${record.validFrom})打印`)
  }
  return yes
}

// ───────────────────────────── state machine ─────────────────────────────

export type PermitEvent =
  | { type: 'submit'; at: LocalStamp; serial: string }
  | { type: 'review'; review: Review }
  | { type: 'print'; at: LocalStamp }
  | { type: 'return'; at: LocalStamp }
  | { type: 'use'; at: LocalStamp }
  | { type: 'expire'; at: LocalStamp }
  | { type: 'void'; at: LocalStamp; reason: string }

/** Applies one event; the answer is the new record, or why the event is not allowed now. */
export function transition<R extends PermitRecord>(record: R, event: PermitEvent): Outcome<R> {
  const def = kindDef(record.kind)
  const label = PERMIT_STATE_LABELS[record.state]
  if ('at' in event && !isStamp(event.at)) return no('时间格式应为 YYYY-MM-DD HH:mm')
  switch (event.type) {
    case 'submit': {
      if (record.state !== 'draft') return no(`该申请${label},不能再次提交`)
      const p = parseSerial(event.serial)
      if (!p || p.kind !== record.kind) return no(`编号 ${event.serial} 不是${def.name}的编号(应以 ${def.prefix} 开头)`)
      if (String(p.year) !== event.at.slice(0, 4)) return no(`编号年份应为提交当年(${event.at.slice(0, 4)})`)
      if (record.applicant.role === 'tenant' && !record.ownerConsent) return no('租户申请须经业主同意,请先登记业主同意', 'ownerConsent')
      const state = def.steps.length === 0 ? 'approved' : 'inReview'
      return ok({ ...record, serial: event.serial, state, submittedAt: event.at })
    }
    case 'review':
      return applyReview(record, event.review)
    case 'print': {
      const can = canPrint(record, event.at)
      if (!can.ok) return can
      if (record.state === 'approved') return ok({ ...record, state: 'issued', issuedAt: event.at, printCount: record.printCount + 1 })
      return ok({ ...record, printCount: record.printCount + 1 })
    }
    case 'return': {
      if (!def.ends.includes('returned')) return no(`${def.name}无需交回`)
      if (record.state !== 'issued' && !(record.state === 'expired' && record.issuedAt)) return no(`该${def.name}${label},不能登记交回`)
      return ok({ ...record, state: 'returned', returnedAt: event.at })
    }
    case 'use': {
      if (!def.ends.includes('used')) return no(`${def.name}不是单次使用的证件`)
      if (record.kind === 'releaseSlip') return releaseSlipUse(record, event.at) as Outcome<R>
      const state = effectiveState(record, event.at)
      if (state !== 'issued') return no(`该${def.name}${PERMIT_STATE_LABELS[state]},不能登记使用`)
      if (notYetValid(record.validFrom, event.at)) return no(`该${def.name}尚未生效(${formatValidity(record.validFrom, record.validUntil)})`)
      return ok({ ...record, state: 'used', usedAt: event.at })
    }
    case 'expire': {
      if (record.state !== 'approved' && record.state !== 'issued') return no(`该${def.name}${label},不能登记过期`)
      if (!hasEnded(record.validUntil, event.at)) return no(`该${def.name}尚未到期(有效期至 ${record.validUntil})`)
      return ok({ ...record, state: 'expired' })
    }
    case 'void': {
      const reason = event.reason.trim()
      if (!reason) return no('作废须填写原因', 'reason')
      if (!['draft', 'inReview', 'approved', 'issued'].includes(record.state)) return no(`该${def.name}${label},不能作废`)
      return ok({ ...record, state: 'voided', voidedAt: event.at, voidReason: reason })
    }
  }
}

/**
 * The guard takes the release slip back at the gate: once, on its day, and only a printed slip that is
 * not voided. Answers the slip marked used.
 */
export function releaseSlipUse(record: PermitRecord, now: LocalStamp): Outcome<PermitRecordOf<'releaseSlip'>> {
  if (record.kind !== 'releaseSlip') return no('不是物品放行条')
  switch (record.state) {
    case 'used':
      return no(`该放行条已于 ${record.usedAt ?? ''} 使用,不能重复放行`)
    case 'voided':
      return no(`该放行条已作废${record.voidReason ? `(${record.voidReason})` : ''}`)
    case 'issued':
      break
    default:
      return no(`该放行条${PERMIT_STATE_LABELS[record.state]},尚未开具`)
  }
  if (dayOf(now) !== record.validFrom) return no(`该放行条仅限 ${record.validFrom} 当日有效`)
  return ok({ ...record, state: 'used', usedAt: now })
}

// ───────────────────────────── renovation extension ─────────────────────────────

export interface ExtensionPlan {
  /** The renovation with its new end (and `extendedFrom`, its end as first approved). */
  renovation: PermitRecordOf<'renovation'>
  /** Live worker passes of the renovation, voided (their dates are never edited). */
  voided: PermitRecordOf<'workerPass'>[]
  /**
   * Their replacements, in the same order: state `approved`, `serial: null` — the service gives each a
   * new CR serial in the same transaction, then they print like any pass. `replacesSerial` links back.
   */
  reissue: PermitRecordOf<'workerPass'>[]
}

/**
 * What an approved extension changes (前台日常工作流程 3e–f): the renovation's period, and every live
 * worker pass re-issued with a new serial while the old one is voided. A pass that ran to the old end
 * runs to the new end; a pass that was shorter keeps its end. Passes already over before the old end,
 * voided or returned are left alone.
 */
export function extendRenovation(
  renovation: PermitRecord,
  extension: PermitRecord,
  passes: readonly PermitRecord[],
  now: LocalStamp,
): Outcome<ExtensionPlan> {
  if (renovation.kind !== 'renovation') return no('不是装修申请')
  if (extension.kind !== 'extension') return no('不是装修延期申请')
  if (extension.state !== 'approved' && extension.state !== 'issued') return no('装修延期申请尚未批准')
  if (extension.fields.renovationSerial !== renovation.serial) return no('延期申请与装修申请不对应')
  if (!['approved', 'issued', 'expired'].includes(renovation.state)) return no(`装修申请${PERMIT_STATE_LABELS[renovation.state]},不能延期`)
  const oldUntil = renovation.validUntil
  const newUntil = extension.fields.newEndDate
  if (newUntil <= oldUntil) return no(`延期日期应晚于现装修期限(${oldUntil})`)

  const today = dayOf(now)
  const reason = `装修延期至 ${newUntil}(${extension.serial ?? '延期申请'}),出入证重新办理`
  const voided: PermitRecordOf<'workerPass'>[] = []
  const reissue: PermitRecordOf<'workerPass'>[] = []
  for (const p of passes) {
    if (p.kind !== 'workerPass' || p.parentSerial !== renovation.serial) continue
    if (!['approved', 'issued', 'expired'].includes(p.state)) continue
    if (p.validUntil < oldUntil && hasEnded(p.validUntil, now)) continue
    voided.push({ ...p, state: 'voided', voidedAt: now, voidReason: reason })
    const validFrom = maxString(today, p.validFrom)
    const validUntil = p.validUntil >= oldUntil ? newUntil : p.validUntil
    reissue.push({
      kind: 'workerPass',
      serial: null,
      state: 'approved',
      unitId: p.unitId,
      unitLabel: p.unitLabel,
      applicant: p.applicant,
      ...(p.ownerConsent ? { ownerConsent: p.ownerConsent } : {}),
      fields: { ...p.fields, validFrom, validUntil },
      reviews: [],
      validFrom,
      validUntil,
      parentSerial: renovation.serial ?? undefined,
      replacesSerial: p.serial ?? undefined,
      createdAt: now,
      printCount: 0,
    })
  }
  const state = renovation.state === 'expired' ? (renovation.issuedAt ? 'issued' : 'approved') : renovation.state
  return ok({
    renovation: { ...renovation, state, validUntil: newUntil, extendedFrom: renovation.extendedFrom ?? oldUntil },
    voided,
    reissue,
  })
}

// ───────────────────────────── verification at the gate ─────────────────────────────

export const VERIFY_OUTCOMES = ['valid', 'notYetValid', 'expired', 'voided', 'used', 'returned', 'notIssued', 'superseded', 'tampered', 'forged', 'unknown'] as const
export type VerifyOutcome = (typeof VERIFY_OUTCOMES)[number]
export const VERIFY_LABELS: Record<VerifyOutcome, string> = {
  valid: '有效',
  notYetValid: '尚未生效',
  expired: '已过期',
  voided: '已作废',
  used: '已使用',
  returned: '已交回',
  notIssued: '未发证',
  superseded: '已补打,原件作废',
  tampered: '记录被改动,不能作为有效凭证',
  forged: '伪造',
  unknown: '查无此证',
}

export interface Verification {
  outcome: VerifyOutcome
  label: string
  /** One line for the guard: what the document is, for whom, until when, or why it fails. */
  detail: string
  /** False when a serial was typed by hand: no check code was compared, the paper must be read. */
  codeChecked: boolean
}

/** The paper a QR came from: its generation, the record's latest, and when the next one was printed. */
export interface PaperGeneration {
  scanned: number
  /** The latest printed generation (printCount − 1; 0 before the first print). */
  current: number
  /** When generation `scanned + 1` was printed (the re-print that made this paper void). */
  reprintedAt: string | null
}

/** What a forged QR gets: the word, and nothing of the genuine document behind the serial. */
export const FORGED_DETAIL = '二维码校验码不符,证件可能被伪造或涂改,请扣留证件并报告客服中心'

/**
 * The guard's answer for a scanned QR or a typed serial. `record`: what the serial finds (null: none);
 * `payloadCode`: the code from the QR (null when typed by hand); `expectedCode`: printCode(...) of the
 * record for the scanned generation, computed by the core with the site's secret; `paper`: the
 * generation scanned and the record's latest (an earlier paper is void once re-printed).
 */
export function verifyOutcome(
  record: PermitRecord | null,
  payloadCode: string | null,
  now: LocalStamp,
  expectedCode: string | null,
  paper?: PaperGeneration,
): Verification {
  const answer = (outcome: VerifyOutcome, detail: string, codeChecked: boolean): Verification => ({
    outcome,
    label: VERIFY_LABELS[outcome],
    detail,
    codeChecked,
  })
  if (!record || !record.serial) return answer('unknown', '系统中没有这个编号,请核实证件来源', false)
  const def = PERMIT_KIND_DEFS[record.kind]
  const checked = payloadCode !== null && expectedCode !== null
  if (payloadCode !== null) {
    if (expectedCode === null) throw new Error('verifyOutcome: 扫码核验须提供应有的校验码')
    if (normalizeCode(payloadCode) !== normalizeCode(expectedCode)) return answer('forged', FORGED_DETAIL, true)
    // A generation never printed cannot be on real paper.
    if (paper && paper.scanned > paper.current) return answer('forged', FORGED_DETAIL, true)
    if (paper && paper.scanned < paper.current) {
      const when = paper.reprintedAt ? `已于 ${paper.reprintedAt} 补打` : '已补打'
      return answer('superseded', `${def.name} ${record.serial} ${when},此张为${paper.scanned === 0 ? '原件' : `第${paper.scanned}次补打件`},已作废,请收回`, true)
    }
  }
  const holder = holderName(record)
  const what = `${def.name} ${record.serial} · ${record.unitLabel}${holder ? ` · ${holder}` : ''}`
  const validity = formatValidity(record.validFrom, record.validUntil)
  const manual = checked ? '' : '(手工输入编号,未核对校验码,请核对证件内容)'
  const state = effectiveState(record, now)
  switch (state) {
    case 'voided':
      return answer('voided', `${what} 已作废${record.voidReason ? `:${record.voidReason}` : ''}`, checked)
    case 'used':
      return answer('used', `${what} 已于 ${record.usedAt ?? ''} 使用,不能再次使用`, checked)
    case 'returned':
      return answer('returned', `${what} 已于 ${record.returnedAt ?? ''} 交回`, checked)
    case 'expired':
      return answer('expired', `${what} 有效期 ${validity},已过期`, checked)
    case 'issued':
      if (notYetValid(record.validFrom, now)) return answer('notYetValid', `${what} 有效期 ${validity},尚未生效${manual}`, checked)
      return answer('valid', `${what} 有效期 ${validity}${manual}`, checked)
    default:
      return answer('notIssued', `${what} ${PERMIT_STATE_LABELS[state]},尚未发证`, checked)
  }
}

function holderName(record: PermitRecord): string {
  switch (record.kind) {
    case 'workerPass':
      return record.fields.workerName
    case 'hotWork':
      return `动火人 ${record.fields.welderName}`
    case 'releaseSlip':
      return `搬运人 ${record.fields.carrierName}`
    default:
      return record.applicant.name
  }
}
