import { z } from 'zod'
import { isoDate, optionalText, text } from '../../../validate/fields'
import { ADDITIONAL_WORK_ITEMS } from '../../kinds'

/** 增加项目申请表: 打墙、打孔、安装防盗门、防护栏、防蚊纱窗 … */
export const additionalWorksFields = z.object({
  items: z
    .array(z.enum(ADDITIONAL_WORK_ITEMS, { error: '增加项目不正确' }), { error: '请至少选择一项增加项目' })
    .min(1, { error: '请至少选择一项增加项目' }),
  location: text('施工部位', 30),
  description: text('施工内容说明', 100),
  contractorName: optionalText('施工单位', 30),
  startDate: isoDate('施工开始日期'),
  endDate: isoDate('施工结束日期'),
})
export type AdditionalWorksFields = z.output<typeof additionalWorksFields>
