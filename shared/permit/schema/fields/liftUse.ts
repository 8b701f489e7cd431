import { z } from 'zod'
import { isoDate, optionalText, text } from '../../../validate/fields'
import { LIFT_USES } from '../../kinds'
import { clockTime, mustConfirm } from '../common'

/** 使用楼梯/电梯申请 (大件物品走楼梯; 红砖、砂、石等用消防梯). */
export const liftUseFields = z.object({
  use: z.enum(LIFT_USES, { error: '使用类别应为楼梯、电梯或消防梯' }),
  liftName: optionalText('楼梯/电梯位置', 20),
  goods: text('搬运物品', 60),
  date: isoDate('使用日期'),
  timeFrom: clockTime('开始时间'),
  timeTo: clockTime('结束时间'),
  /** 让申请人把填写好的"承诺书"交大堂助理处. */
  undertaking: mustConfirm('申请人已签署承诺书'),
})
export type LiftUseFields = z.output<typeof liftUseFields>
