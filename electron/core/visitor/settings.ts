import { DEFAULT_VISITOR_SETTINGS, VISITOR_SETTINGS_KEY, visitorSettingsSchema, type VisitorSettings } from '../../../shared/visitor/schema'
import type { Ctx } from '../context'
import type { Reader } from '../db/connection'
import { readDeskSetting, writeDeskSetting } from '../site/deskSettings'

export const visitorSettings = (r: Reader) => readDeskSetting(r, VISITOR_SETTINGS_KEY, visitorSettingsSchema, DEFAULT_VISITOR_SETTINGS)

export async function saveVisitorSettings(ctx: Ctx, v: VisitorSettings): Promise<VisitorSettings> {
  const summary = `访客设置:身份证号${v.idNumberRequired ? '必填' : '选填'},签到${v.printSlip ? '打印' : '不打印'}访客单`
  await ctx.db.tx((w) => writeDeskSetting(w, ctx, VISITOR_SETTINGS_KEY, v, summary))
  return visitorSettings(ctx.db.read)
}
