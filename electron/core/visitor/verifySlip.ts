import type { PermitVerifyResult } from '../../../shared/permit/apiSchema'
import { VERIFY_LABELS } from '../../../shared/permit/rules'
import { localDate, localDateTime } from '../../../shared/time/zone'
import { parseSlipText, slipPayload } from '../../../shared/visitor/slip'
import type { VisitorSlipBrief } from '../../../shared/visitor/schema'
import type { Ctx } from '../context'
import { getSiteRow } from '../site/service'
import { slipOf, VISIT_SELECT, type VisitRecord } from './visits'
import { labelOf } from './unitOf'

const FORGED = '访客单二维码校验不符:不是本服务中心签发的访客单,或内容被改动。请勿放行,并联系前台'

/**
 * The gate's verify screen (permit.verify) reading a visitor slip: valid for the local day it was
 * issued only, who and which unit, signed out or not. A forged or damaged code shows nothing of the
 * visit behind the serial. Returns null when the text is not a visitor slip (a permit's turn).
 */
export async function verifyVisitorSlip(ctx: Ctx, text: string): Promise<PermitVerifyResult | null> {
  const parsed = parseSlipText(text)
  if (!parsed) return null
  const r = ctx.db.read
  const answer = (outcome: PermitVerifyResult['outcome'], detail: string, codeChecked: boolean, visitor?: VisitorSlipBrief, label = VERIFY_LABELS[outcome]): PermitVerifyResult => ({
    outcome,
    label,
    detail,
    codeChecked,
    permit: null,
    ...(visitor ? { visitor } : {}),
  })
  if (parsed.malformed) return answer('forged', FORGED, true)
  const site = (await getSiteRow(r))!
  const v = await r.get<VisitRecord>(`${VISIT_SELECT} WHERE v.serial = ? AND v.deleted_at IS NULL`, [parsed.serial])
  if (!v) return answer('unknown', `系统中没有访客单 ${parsed.serial},请核实来源`, false)
  const unitLabel = labelOf(v)
  const checked = parsed.code !== null
  if (checked && slipOf(site.secret, { ...v, unitLabel }) !== slipPayload(v.serial, parsed.code!)) return answer('forged', FORGED, true)
  const tz = site.timeZone
  const brief: VisitorSlipBrief = {
    serial: v.serial,
    visitorName: v.visitor_name,
    unitLabel,
    people: v.people,
    carPlate: v.car_plate,
    signedInAt: localDateTime(v.in_at, tz),
    signedOutAt: v.out_at ? localDateTime(v.out_at, tz) : null,
    validDay: v.slip_day,
  }
  const who = `访客单 ${v.serial} · ${v.visitor_name}${v.people > 1 ? `等${v.people}人` : ''} · 来访 ${unitLabel}`
  const manual = checked ? '' : '(手工输入编号,未核对校验码,请核对访客单内容)'
  if (v.slip_day !== localDate(ctx.now(), tz)) return answer('expired', `${who} 仅限 ${v.slip_day} 当天有效,已过期${manual}`, checked, brief)
  if (v.out_at) return answer('used', `${who} 已于 ${brief.signedOutAt!.slice(11)} 签离${manual}`, checked, brief, '已签离')
  return answer('valid', `${who} · ${brief.signedInAt.slice(11)} 签到,今日有效${manual}`, checked, brief)
}
