import { z } from 'zod'
import { idNumber, isoDate, optionalIsoDate, optionalText, phone, text } from '../../../validate/fields'
import { count, fen } from '../common'

/** 装修申请表 → 装修许可证. */
export const renovationFields = z.object({
  contractorName: text('装修单位', 40),
  contractorLicense: optionalText('装修单位资质/执照号', 30),
  leadName: text('装修负责人姓名', 15),
  leadPhone: phone('装修负责人电话'),
  leadIdNumber: idNumber('装修负责人身份证号'),
  works: text('装修内容', 150),
  startDate: isoDate('开工日期'),
  /** Empty: the site's default period (3 months) from the start. */
  endDate: optionalIsoDate('完工日期'),
  depositFen: fen('装修押金'),
  workerCount: count('施工人数', 1, 200).optional(),
  note: optionalText('备注', 100),
})
export type RenovationFields = z.output<typeof renovationFields>
