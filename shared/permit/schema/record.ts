import type { Role } from '../../roles'
import type { PermitKind, PermitState } from '../kinds'
import type { PermitSettings } from '../settings'
import type { LocalDay, LocalStamp } from '../../time/calendar'
import type { Applicant, OwnerConsent } from './common'
import type { AdditionalWorksFields } from './fields/additionalWorks'
import type { ExtensionFields } from './fields/extension'
import type { HotWorkFields } from './fields/hotWork'
import type { LiftUseFields } from './fields/liftUse'
import type { ReleaseSlipFields } from './fields/releaseSlip'
import type { RenovationFields } from './fields/renovation'
import type { WorkerPassFields } from './fields/workerPass'

// Each kind is split in two: ./fields/<kind>.ts is what the form holds (a zod schema, a leaf), and
// ./<kind>.ts is its rule, which reads records (the renovation a pass hangs on). A record is made of
// the fields, so it imports ./fields/ only; importing a rule file here would close an import cycle.

/** A rule's answer: yes, or no with a Chinese reason (and the field it is about, inside `fields`). */
export type Check = { ok: true } | { ok: false; reason: string; field?: string }
export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string; field?: string }

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value })
export const no = (reason: string, field?: string): { ok: false; reason: string; field?: string } =>
  field ? { ok: false, reason, field } : { ok: false, reason }
export const yes: Check = { ok: true }

export type Decision = 'approve' | 'refuse'
export const DECISION_LABELS: Record<Decision, string> = { approve: '同意', refuse: '不同意' }

/** One review step as recorded: who, when, what, why. */
export interface Review {
  /** Index into the kind's steps. */
  step: number
  role: Role
  staffId?: string
  staffName: string
  at: LocalStamp
  decision: Decision
  /** Free text; required (the reason) for a refusal. */
  opinion: string
}

export interface PermitFieldsByKind {
  renovation: RenovationFields
  workerPass: WorkerPassFields
  extension: ExtensionFields
  additionalWorks: AdditionalWorksFields
  hotWork: HotWorkFields
  releaseSlip: ReleaseSlipFields
  liftUse: LiftUseFields
}

interface PermitRecordBase {
  id?: string
  /** DH-2026-0001; null only in a draft (the serial is taken when the application is submitted). */
  serial: string | null
  state: PermitState
  unitId?: string
  unitLabel: string
  applicant: Applicant
  /** Required when the applicant is a tenant. */
  ownerConsent?: OwnerConsent
  reviews: Review[]
  /** A day (`YYYY-MM-DD`, whole days) or a stamp (`YYYY-MM-DD HH:mm`), per the kind's `validity`. */
  validFrom: string
  validUntil: string
  /** The renovation a worker pass or an extension belongs to. */
  parentSerial?: string
  /** A re-issued worker pass: the pass it replaces. */
  replacesSerial?: string
  /** A renovation that was extended: its end date as first approved (the check code keeps using it). */
  extendedFrom?: LocalDay
  createdAt?: LocalStamp
  submittedAt?: LocalStamp
  /** First print. */
  issuedAt?: LocalStamp
  usedAt?: LocalStamp
  returnedAt?: LocalStamp
  voidedAt?: LocalStamp
  voidReason?: string
  /** Times printed so far: the next print is 补打(第 printCount 次) when > 0. */
  printCount: number
}

export type PermitRecordOf<K extends PermitKind> = PermitRecordBase & { kind: K; fields: PermitFieldsByKind[K] }
export type PermitRecord = { [K in PermitKind]: PermitRecordOf<K> }[PermitKind]

/** What a kind's rule needs besides the fields. */
export interface FieldContext {
  now: LocalStamp
  settings: PermitSettings
  /** The unit's renovation, for kinds that hang on one (worker pass, extension). */
  renovation?: PermitRecord | null
}

/** A kind's rule output: the fields with defaults filled in, and the validity they give. */
export interface Derived<F> {
  fields: F
  validFrom: string
  validUntil: string
  parentSerial?: string
}
