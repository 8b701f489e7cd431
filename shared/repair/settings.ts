import { z } from 'zod'
import { text } from '../validate/fields'

/**
 * 报修 settings of a site (desk_settings key 'repair.settings'): the categories a clerk picks from and
 * the clocks the site commits to (seed 001: 3 minutes to engineering, 15 minutes on site for an urgent
 * repair, call back the same day; seed 004: on site within 5 minutes, done within 8 hours).
 */
export const REPAIR_SETTINGS_KEY = 'repair.settings'

const intIn = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label}应为整数` })
    .int({ error: `${label}应为整数` })
    .min(min, { error: `${label}不能小于${min}` })
    .max(max, { error: `${label}不能大于${max}` })

export const repairSettingsInput = z
  .object({
    categories: z.array(text('报修类别', 12)).min(1, { error: '报修类别至少一项' }).max(30, { error: '报修类别不能超过30项' }),
    forwardMinutes: intIn('转工程部时限(分钟)', 1, 60),
    urgentOnSiteMinutes: intIn('急修到场时限(分钟)', 1, 240),
    urgentDoneHours: intIn('急修完成时限(小时)', 1, 72),
    /** true: call back by the end of the completion's local day (当天回访); false: within callbackHours. */
    callbackSameDay: z.boolean({ error: '回访时限应为当天或小时数' }),
    callbackHours: intIn('回访时限(小时)', 1, 72),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>()
    v.categories.forEach((c, i) => {
      if (seen.has(c)) ctx.addIssue({ code: 'custom', path: ['categories', i], message: `报修类别「${c}」重复` })
      seen.add(c)
    })
  })
export type RepairSettings = z.output<typeof repairSettingsInput>

export const REPAIR_SETTINGS_DEFAULT: RepairSettings = {
  categories: ['水', '电', '门窗', '墙面', '管道疏通', '燃气', '电梯', '公共设施', '其他'],
  forwardMinutes: 3,
  urgentOnSiteMinutes: 15,
  urgentDoneHours: 8,
  callbackSameDay: true,
  callbackHours: 24,
}
