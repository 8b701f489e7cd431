import { COMPLAINT_SETTINGS_KEY, complaintSettingsSchema, DEFAULT_COMPLAINT_SETTINGS, type ComplaintSettings } from '../../../shared/complaint/schema'
import type { Ctx } from '../context'
import type { Reader } from '../db/connection'
import { readDeskSetting, writeDeskSetting } from '../site/deskSettings'

export const complaintSettings = (r: Reader) => readDeskSetting(r, COMPLAINT_SETTINGS_KEY, complaintSettingsSchema, DEFAULT_COMPLAINT_SETTINGS)

export async function saveComplaintSettings(ctx: Ctx, value: ComplaintSettings): Promise<ComplaintSettings> {
  await ctx.db.tx((w) =>
    writeDeskSetting(w, ctx, COMPLAINT_SETTINGS_KEY, value, `投诉设置:类别${value.categories.length}项,部门${value.departments.length}项,重复投诉判定${value.recurDays}天,联系单时限${value.slipHours}小时`),
  )
  return complaintSettings(ctx.db.read)
}
