import { DEFAULT_PARCEL_SETTINGS, PARCEL_SETTINGS_KEY, parcelSettingsSchema, type ParcelSettings } from '../../../shared/parcel/schema'
import type { Ctx } from '../context'
import type { Reader } from '../db/connection'
import { readDeskSetting, writeDeskSetting } from '../site/deskSettings'

export const parcelSettings = (r: Reader) => readDeskSetting(r, PARCEL_SETTINGS_KEY, parcelSettingsSchema, DEFAULT_PARCEL_SETTINGS)

export async function saveParcelSettings(ctx: Ctx, v: ParcelSettings): Promise<ParcelSettings> {
  await ctx.db.tx((w) => writeDeskSetting(w, ctx, PARCEL_SETTINGS_KEY, v, `邮件超过${v.overdueDays}天未领取标红`))
  return parcelSettings(ctx.db.read)
}
