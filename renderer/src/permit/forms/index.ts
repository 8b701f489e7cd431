import type React from 'react'
import type { PermitKind } from '../../../../shared/permit/kinds'
import { AdditionalWorksFields } from './AdditionalWorksFields'
import { KIND_CONVERTERS, type ConvertedKind, type FormSettings, type KindConverter } from './convert'
import { ExtensionFields } from './ExtensionFields'
import { HotWorkFields } from './HotWorkFields'
import { LiftUseFields } from './LiftUseFields'
import { ReleaseSlipFields } from './ReleaseSlipFields'
import { RenovationFields } from './RenovationFields'

/** What every kind's component accepts (all optional: `<Fields />` is fine). */
export interface KindFieldsProps {
  settings?: FormSettings
}

export interface KindForm<K extends ConvertedKind = ConvertedKind> extends KindConverter<K> {
  /** The kind's inputs, under ['fields', …], to render inside the parent's antd <Form>. */
  Fields: React.FC<KindFieldsProps>
}

/**
 * One entry per kind: `KIND_FORMS[kind].Fields` inside the parent's Form, `initialFields(now, settings)`
 * into `fields` when it opens, `toFields(values.fields)` into the call. workerPass is null: worker passes
 * are issued in a batch (WorkerRows, toWorkers) on a separate screen.
 */
export const KIND_FORMS: { [K in ConvertedKind]: KindForm<K> } & { [K in Exclude<PermitKind, ConvertedKind>]: null } = {
  renovation: { ...KIND_CONVERTERS.renovation, Fields: RenovationFields },
  extension: { ...KIND_CONVERTERS.extension, Fields: ExtensionFields },
  additionalWorks: { ...KIND_CONVERTERS.additionalWorks, Fields: AdditionalWorksFields },
  hotWork: { ...KIND_CONVERTERS.hotWork, Fields: HotWorkFields },
  releaseSlip: { ...KIND_CONVERTERS.releaseSlip, Fields: ReleaseSlipFields },
  liftUse: { ...KIND_CONVERTERS.liftUse, Fields: LiftUseFields },
  workerPass: null,
}

/** The entry of a kind, or null (workerPass). Looser types, for a parent holding `kind: PermitKind`. */
export function kindForm(kind: PermitKind): {
  Fields: React.FC<KindFieldsProps>
  toFields(v: unknown): unknown
  initialFields(now: import('dayjs').Dayjs, settings?: FormSettings, context?: import('./convert').KindFormContext): Record<string, unknown>
} | null {
  return KIND_FORMS[kind] as never
}

export * from './convert'
export { AdditionalWorksFields } from './AdditionalWorksFields'
export { ExtensionFields } from './ExtensionFields'
export { HotWorkFields } from './HotWorkFields'
export { LiftUseFields } from './LiftUseFields'
export { ReleaseSlipFields } from './ReleaseSlipFields'
export { RenovationFields } from './RenovationFields'
export { downscalePhoto, MAX_PHOTO_CHARS, PHOTO_WIDTH, PhotoInput, WorkerRows } from './WorkerRows'
export { beforeToday, crossRule, listRule, zodVia } from './rules'
