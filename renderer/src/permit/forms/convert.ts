import dayjs from 'dayjs'
import type { z } from 'zod'
import type { PermitKind } from '../../../../shared/permit/kinds'
import type { AdditionalWorkItem, HotWorkLevel, HotWorkMethod, HotWorkPrecaution, LiftUse } from '../../../../shared/permit/kinds'
import type { FIELD_SCHEMAS, workerPassWorker } from '../../../../shared/permit/schema/index'
import type { PermitSettings } from '../../../../shared/permit/settings'
import { fenToYuanText, parseYuan } from '../../../../shared/validate/money'

/**
 * Pure converters between the permit forms' values (dayjs dates, money in 元, '' for an emptied input)
 * and the shared field schemas' input shape (`YYYY-MM-DD`, `YYYY-MM-DD HH:mm`, `HH:mm`, integer fen,
 * undefined). No React here: the unit tests run these in node.
 *
 * The form's field names are the schema's keys (money fields too: `depositFen` holds 元 in the form),
 * so a field path the core names in an error (`fields.items.0.name`) is the form's name path.
 */

export const DAY_FORMAT = 'YYYY-MM-DD'
export const STAMP_FORMAT = 'YYYY-MM-DD HH:mm'
export const CLOCK_FORMAT = 'HH:mm'

type Day = dayjs.Dayjs
type Maybe<T> = T | null | undefined

/** The settings a form may use for its defaults and hints; all optional. */
/** The site's permit settings (项目设置) the forms start from: 装修押金, 延期费用, 装修期限 … */
export type FormSettings = Partial<PermitSettings>

/** What the parent may know when it opens the form (the unit's renovation, for an extension). */
export interface KindFormContext {
  renovationSerial?: string
}

/** The schema's input shape of a kind's fields (what the API call carries in `fields`). */
export type FieldsInput<K extends PermitKind> = z.input<(typeof FIELD_SCHEMAS)[K]>
export type WorkerInput = z.input<typeof workerPassWorker>

// ───────────────────────────── value helpers ─────────────────────────────

const formatted =
  (format: string) =>
  (v: unknown): string | undefined => {
    if (dayjs.isDayjs(v)) return v.isValid() ? v.format(format) : undefined
    if (typeof v === 'string') return v.trim() || undefined
    return undefined
  }

/** dayjs → `YYYY-MM-DD`; a string passes; empty → undefined. */
export const toDay = formatted(DAY_FORMAT)
/** dayjs → `YYYY-MM-DD HH:mm`; a string passes; empty → undefined. */
export const toStamp = formatted(STAMP_FORMAT)
/** dayjs → `HH:mm`; a string passes; empty → undefined. */
export const toClock = formatted(CLOCK_FORMAT)

/** Trimmed text; '' (or only spaces) → undefined. */
export function toText(v: unknown): string | undefined {
  return typeof v === 'string' ? v.trim() || undefined : undefined
}

/** A number from an InputNumber; empty → undefined (NaN stays NaN, so the schema names the field). */
export function toNumber(v: unknown): number | undefined {
  if (v === null || v === undefined || v === '') return undefined
  return typeof v === 'number' ? v : Number(v)
}

/**
 * 元 → integer fen; empty → undefined. Text (what the clerk typed) is read exactly by the shared
 * parseYuan: "12.345" is not an amount (NaN, which the field's schema refuses) — never rounded.
 * A number (set by code, not typed) is taken to the nearest fen.
 */
export function yuanToFen(v: unknown): number | undefined {
  if (typeof v === 'string') {
    if (v.trim() === '') return undefined
    const r = parseYuan(v)
    return 'fen' in r ? r.fen : NaN
  }
  const n = toNumber(v)
  return n === undefined ? undefined : Math.round(n * 100)
}

/** Integer fen → 元 as the money field shows it ("2000.00"). */
export function fenToYuan(fen: Maybe<number>): string | undefined {
  return fen === null || fen === undefined ? undefined : fenToYuanText(fen)
}

/** Next multiple of `step` minutes at or after `t` (seconds dropped). */
export function ceilMinutes(t: Day, step: number): Day {
  const m = t.startOf('minute')
  const over = m.minute() % step
  return over === 0 ? m : m.add(step - over, 'minute')
}

// ───────────────────────────── renovation ─────────────────────────────

export interface RenovationFormValues {
  contractorName?: string
  contractorLicense?: string
  leadName?: string
  leadPhone?: string
  leadIdNumber?: string
  works?: string
  startDate?: Maybe<Day>
  endDate?: Maybe<Day>
  /** 元, as typed */
  depositFen?: Maybe<number | string>
  workerCount?: Maybe<number>
  note?: string
}

export function renovationToFields(v: RenovationFormValues = {}): FieldsInput<'renovation'> {
  return {
    contractorName: toText(v.contractorName),
    contractorLicense: toText(v.contractorLicense),
    leadName: toText(v.leadName),
    leadPhone: toText(v.leadPhone),
    leadIdNumber: toText(v.leadIdNumber),
    works: toText(v.works),
    startDate: toDay(v.startDate),
    endDate: toDay(v.endDate),
    depositFen: yuanToFen(v.depositFen),
    workerCount: toNumber(v.workerCount),
    note: toText(v.note),
  } as FieldsInput<'renovation'>
}

/** Start today, end empty (the site's default period), deposit from the settings when given. */
export function renovationInitialFields(now: Day, settings?: FormSettings): RenovationFormValues {
  return { startDate: now.startOf('day'), depositFen: fenToYuan(settings?.renovationDepositFen) }
}

// ───────────────────────────── extension ─────────────────────────────

export interface ExtensionFormValues {
  renovationSerial?: string
  newEndDate?: Maybe<Day>
  reason?: string
  /** 元, as typed */
  feeFen?: Maybe<number | string>
}

export function extensionToFields(v: ExtensionFormValues = {}): FieldsInput<'extension'> {
  return {
    renovationSerial: toText(v.renovationSerial),
    newEndDate: toDay(v.newEndDate),
    reason: toText(v.reason),
    feeFen: yuanToFen(v.feeFen),
  } as FieldsInput<'extension'>
}

/** The renovation's serial when the parent knows it. */
export function extensionInitialFields(_now: Day, settings?: FormSettings, context?: KindFormContext): ExtensionFormValues {
  const fee = settings?.extensionFeeFen ? { feeFen: fenToYuan(settings.extensionFeeFen) } : {}
  return context?.renovationSerial ? { renovationSerial: context.renovationSerial, ...fee } : fee
}

// ───────────────────────────── additional works ─────────────────────────────

export interface AdditionalWorksFormValues {
  items?: AdditionalWorkItem[]
  location?: string
  description?: string
  contractorName?: string
  startDate?: Maybe<Day>
  endDate?: Maybe<Day>
}

export function additionalWorksToFields(v: AdditionalWorksFormValues = {}): FieldsInput<'additionalWorks'> {
  return {
    items: v.items ?? [],
    location: toText(v.location),
    description: toText(v.description),
    contractorName: toText(v.contractorName),
    startDate: toDay(v.startDate),
    endDate: toDay(v.endDate),
  } as FieldsInput<'additionalWorks'>
}

/** Works today (start and end), nothing ticked. */
export function additionalWorksInitialFields(now: Day): AdditionalWorksFormValues {
  return { items: [], startDate: now.startOf('day'), endDate: now.startOf('day') }
}

// ───────────────────────────── hot work ─────────────────────────────

export interface HotWorkFormValues {
  place?: string
  level?: HotWorkLevel
  method?: HotWorkMethod
  content?: string
  welderName?: string
  welderIdNumber?: string
  welderCertNo?: string
  copiesCollected?: boolean
  start?: Maybe<Day>
  end?: Maybe<Day>
  fireWatcherName?: string
  fireWatcherPhone?: string
  extinguisherCount?: Maybe<number>
  precautions?: HotWorkPrecaution[]
  gasTestResult?: string
}

export function hotWorkToFields(v: HotWorkFormValues = {}): FieldsInput<'hotWork'> {
  return {
    place: toText(v.place),
    level: v.level,
    method: v.method,
    content: toText(v.content),
    welderName: toText(v.welderName),
    welderIdNumber: toText(v.welderIdNumber),
    welderCertNo: toText(v.welderCertNo),
    copiesCollected: v.copiesCollected === true,
    start: toStamp(v.start),
    end: toStamp(v.end),
    fireWatcherName: toText(v.fireWatcherName),
    fireWatcherPhone: toText(v.fireWatcherPhone),
    extinguisherCount: toNumber(v.extinguisherCount),
    precautions: v.precautions ?? [],
    gasTestResult: toText(v.gasTestResult),
  } as FieldsInput<'hotWork'>
}

/** 二级动火 by electric welding (the usual case in a flat), starting in 30 minutes (on a 5-minute mark), 2 extinguishers. */
export function hotWorkInitialFields(now: Day): HotWorkFormValues {
  return {
    level: 'second',
    method: 'electricWelding',
    start: ceilMinutes(now.add(30, 'minute'), 5),
    extinguisherCount: 2,
    precautions: [],
    copiesCollected: false,
  }
}

// ───────────────────────────── release slip ─────────────────────────────

export interface ReleaseItemFormValues {
  name?: string
  quantity?: Maybe<number>
  note?: string
}

export interface ReleaseSlipFormValues {
  carrierName?: string
  carrierIdNumber?: string
  carrierPhone?: string
  vehiclePlate?: string
  reason?: string
  items?: Maybe<ReleaseItemFormValues>[]
  date?: Maybe<Day>
}

export const blankReleaseItem = (): ReleaseItemFormValues => ({ quantity: 1 })

export function releaseSlipToFields(v: ReleaseSlipFormValues = {}): FieldsInput<'releaseSlip'> {
  return {
    carrierName: toText(v.carrierName),
    carrierIdNumber: toText(v.carrierIdNumber),
    carrierPhone: toText(v.carrierPhone),
    vehiclePlate: toText(v.vehiclePlate),
    reason: toText(v.reason),
    items: (v.items ?? []).map((i) => ({ name: toText(i?.name), quantity: toNumber(i?.quantity), note: toText(i?.note) })),
    date: toDay(v.date),
  } as FieldsInput<'releaseSlip'>
}

/** Goods go out today; one empty row (quantity 1). */
export function releaseSlipInitialFields(now: Day): ReleaseSlipFormValues {
  return { date: now.startOf('day'), items: [blankReleaseItem()] }
}

// ───────────────────────────── lift use ─────────────────────────────

export interface LiftUseFormValues {
  use?: LiftUse
  liftName?: string
  goods?: string
  date?: Maybe<Day>
  timeFrom?: Maybe<Day>
  timeTo?: Maybe<Day>
  undertaking?: boolean
}

export function liftUseToFields(v: LiftUseFormValues = {}): FieldsInput<'liftUse'> {
  return {
    use: v.use,
    liftName: toText(v.liftName),
    goods: toText(v.goods),
    date: toDay(v.date),
    timeFrom: toClock(v.timeFrom),
    timeTo: toClock(v.timeTo),
    undertaking: v.undertaking === true,
  } as FieldsInput<'liftUse'>
}

/** The lift, today, from the next half hour for two hours (not past 23:59; no times after 23:30). */
export function liftUseInitialFields(now: Day): LiftUseFormValues {
  const from = ceilMinutes(now, 30)
  const endOfDay = now.hour(23).minute(59).startOf('minute')
  const sameDay = from.isSame(now, 'day') && from.isBefore(endOfDay)
  const to = from.add(2, 'hour')
  return {
    use: 'lift',
    date: now.startOf('day'),
    timeFrom: sameDay ? from : undefined,
    timeTo: sameDay ? (to.isSame(now, 'day') ? to : endOfDay) : undefined,
    undertaking: false,
  }
}

// ───────────────────────────── worker passes (batch) ─────────────────────────────

export interface WorkerFormValues {
  workerName?: string
  workerIdNumber?: string
  workerPhone?: string
  trade?: string
  /** data:image/jpeg;base64,… */
  photo?: string
  /** The paper photo was handed in instead. */
  photoCollected?: boolean
  receiptNo?: string
  idCopyCollected?: boolean
  validFrom?: Maybe<Day>
  validUntil?: Maybe<Day>
  /** 元; empty: the site's setting. */
  depositFen?: Maybe<number | string>
  /** 元; empty: the site's setting. */
  feeFen?: Maybe<number | string>
}

export const blankWorker = (receiptNo?: string): WorkerFormValues => ({ receiptNo, photoCollected: false, idCopyCollected: false })

export function toWorker(v: Maybe<WorkerFormValues>): WorkerInput {
  const w = v ?? {}
  return {
    workerName: toText(w.workerName),
    workerIdNumber: toText(w.workerIdNumber),
    workerPhone: toText(w.workerPhone),
    trade: toText(w.trade),
    photo: toText(w.photo),
    photoCollected: w.photoCollected === true,
    receiptNo: toText(w.receiptNo),
    idCopyCollected: w.idCopyCollected === true,
    validFrom: toDay(w.validFrom),
    validUntil: toDay(w.validUntil),
    depositFen: yuanToFen(w.depositFen),
    feeFen: yuanToFen(w.feeFen),
  } as WorkerInput
}

/** The batch's rows → `workerPassBatchFields.workers`. */
export function toWorkers(rows: Maybe<Maybe<WorkerFormValues>[]>): WorkerInput[] {
  return (rows ?? []).map(toWorker)
}

/** One empty row. */
export function initialWorkers(): WorkerFormValues[] {
  return [blankWorker()]
}

// ───────────────────────────── per kind ─────────────────────────────

/** The form values of each kind (what sits under `fields` in the parent's form). */
export interface KindFormValues {
  renovation: RenovationFormValues
  extension: ExtensionFormValues
  additionalWorks: AdditionalWorksFormValues
  hotWork: HotWorkFormValues
  releaseSlip: ReleaseSlipFormValues
  liftUse: LiftUseFormValues
}
export type ConvertedKind = keyof KindFormValues

export interface KindConverter<K extends ConvertedKind> {
  /** The form's `values.fields` → the schema's input shape (the API call's `fields`). */
  toFields(v?: KindFormValues[K] | null): FieldsInput<K>
  /** Defaults for `form.setFieldsValue({ fields: … })`. */
  initialFields(now: Day, settings?: FormSettings, context?: KindFormContext): KindFormValues[K]
}

/** The React-free half of KIND_FORMS (index.ts), for the parent's submit and for tests. */
export const KIND_CONVERTERS: { [K in ConvertedKind]: KindConverter<K> } = {
  renovation: { toFields: (v) => renovationToFields(v ?? {}), initialFields: renovationInitialFields },
  extension: { toFields: (v) => extensionToFields(v ?? {}), initialFields: extensionInitialFields },
  additionalWorks: { toFields: (v) => additionalWorksToFields(v ?? {}), initialFields: additionalWorksInitialFields },
  hotWork: { toFields: (v) => hotWorkToFields(v ?? {}), initialFields: hotWorkInitialFields },
  releaseSlip: { toFields: (v) => releaseSlipToFields(v ?? {}), initialFields: releaseSlipInitialFields },
  liftUse: { toFields: (v) => liftUseToFields(v ?? {}), initialFields: liftUseInitialFields },
}
