import { describe, expect, it } from 'vitest'
import { FIELD_LABELS } from '../../shared/permit/fieldLabels'
import { additionalWorksFields } from '../../shared/permit/schema/fields/additionalWorks'
import { extensionFields } from '../../shared/permit/schema/fields/extension'
import { hotWorkFields } from '../../shared/permit/schema/fields/hotWork'
import { liftUseFields } from '../../shared/permit/schema/fields/liftUse'
import { releaseSlipFields } from '../../shared/permit/schema/fields/releaseSlip'
import { renovationFields } from '../../shared/permit/schema/fields/renovation'
import { workerPassFields } from '../../shared/permit/schema/fields/workerPass'

// A permit's page lists its fields by their Chinese names: a field added to a form without a label
// would show the clerk a raw key such as photoCollected.
describe('every permit field has a Chinese label', () => {
  it('no form field of any kind falls back to its key', () => {
    const shapes = [additionalWorksFields, extensionFields, hotWorkFields, liftUseFields, releaseSlipFields, renovationFields, workerPassFields]
    const keys = shapes.flatMap((s) => Object.keys(s.shape)).filter((k) => k !== 'photo')
    expect(keys.length).toBeGreaterThan(30)
    expect(keys.filter((k) => !FIELD_LABELS[k])).toEqual([])
  })
})
