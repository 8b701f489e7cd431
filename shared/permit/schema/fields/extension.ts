import { z } from 'zod'
import { isoDate, text } from '../../../validate/fields'
import { optionalFen, serialRef } from '../common'

/** 装修延期申请表. */
export const extensionFields = z.object({
  renovationSerial: serialRef('装修许可证编号'),
  newEndDate: isoDate('延期至'),
  reason: text('延期原因', 100),
  /** 根据审批要求须交费用的: set by the desk when the approval asks for it. */
  feeFen: optionalFen('延期费用'),
})
export type ExtensionFields = z.output<typeof extensionFields>
