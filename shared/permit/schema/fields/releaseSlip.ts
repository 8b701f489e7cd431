import { z } from 'zod'
import { idNumber, isoDate, optionalPhone, optionalText, text } from '../../../validate/fields'
import { count } from '../common'

export const releaseItem = z.object({
  name: text('物品名称', 16),
  quantity: count('物品数量', 1, 9999),
  note: optionalText('物品备注', 10),
})
export type ReleaseItem = z.output<typeof releaseItem>

/** 8 rows fit an A5 slip with its approvals, stamp and QR; more goods go on a second slip. */
export const MAX_RELEASE_ITEMS = 8

/** 物品放行条: 房号及运出人姓名、身份证、搬出物品如实填写. */
export const releaseSlipFields = z.object({
  carrierName: text('搬运人姓名', 15),
  carrierIdNumber: idNumber('搬运人身份证号'),
  carrierPhone: optionalPhone('搬运人电话'),
  vehiclePlate: optionalText('车牌号', 10),
  reason: optionalText('搬出原因', 20),
  items: z
    .array(releaseItem, { error: '物品清单至少填写一项' })
    .min(1, { error: '物品清单至少填写一项' })
    .max(MAX_RELEASE_ITEMS, { error: `物品清单不能超过${MAX_RELEASE_ITEMS}项,请分开开具` }),
  /** The day the goods go out; the slip is valid that day only. */
  date: isoDate('放行日期'),
})
export type ReleaseSlipFields = z.output<typeof releaseSlipFields>
