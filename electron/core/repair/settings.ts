import { REPAIR_SETTINGS_DEFAULT, REPAIR_SETTINGS_KEY, repairSettingsInput, type RepairSettings } from '../../../shared/repair/settings'
import type { Ctx } from '../context'
import type { Reader } from '../db/connection'
import { readDeskSetting, writeDeskSetting } from '../site/deskSettings'

export const repairSettings = (r: Reader): Promise<RepairSettings> => readDeskSetting(r, REPAIR_SETTINGS_KEY, repairSettingsInput, REPAIR_SETTINGS_DEFAULT)

/** New clocks apply to orders saved from now on; a saved order keeps the due times it was given. */
export async function saveRepairSettings(ctx: Ctx, v: RepairSettings): Promise<RepairSettings> {
  await ctx.db.tx((w) =>
    writeDeskSetting(
      w,
      ctx,
      REPAIR_SETTINGS_KEY,
      v,
      `修改报修设置:类别 ${v.categories.join('、')};转单${v.forwardMinutes}分钟,急修到场${v.urgentOnSiteMinutes}分钟、完成${v.urgentDoneHours}小时,回访${v.callbackSameDay ? '当天' : `${v.callbackHours}小时内`}`,
    ),
  )
  return repairSettings(ctx.db.read)
}
