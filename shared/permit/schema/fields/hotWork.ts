import { z } from 'zod'
import { idNumber, optionalPhone, optionalText, text } from '../../../validate/fields'
import { HOT_WORK_LEVELS, HOT_WORK_METHODS, HOT_WORK_PRECAUTION_CODES } from '../../kinds'
import { count, localStamp, mustConfirm, optionalLocalStamp } from '../common'

/** 动火申请表 → 动火许可证. */
export const hotWorkFields = z.object({
  place: text('动火地点', 40),
  level: z.enum(HOT_WORK_LEVELS, { error: '动火等级应为特级、一级或二级' }),
  method: z.enum(HOT_WORK_METHODS, { error: '请选择动火方式' }),
  content: text('动火作业内容', 100),
  welderName: text('动火人姓名', 15),
  welderIdNumber: idNumber('动火人身份证号'),
  welderCertNo: text('焊工证号', 20),
  /** 收取动火人的焊工证及身份证的复印件, attached to the application. */
  copiesCollected: mustConfirm('已收取焊工证及身份证复印件'),
  start: localStamp('动火开始时间'),
  /** Empty: the longest allowed window, ending the same day at the latest. */
  end: optionalLocalStamp('动火结束时间'),
  fireWatcherName: text('监火人姓名', 15),
  fireWatcherPhone: optionalPhone('监火人电话'),
  extinguisherCount: count('灭火器数量', 1, 50),
  precautions: z.array(z.enum(HOT_WORK_PRECAUTION_CODES, { error: '安全措施项不正确' })).default([]),
  gasTestResult: optionalText('气体检测结果', 50),
})
export type HotWorkFields = z.output<typeof hotWorkFields>
