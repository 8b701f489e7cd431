/**
 * The carrier a waybill number most likely belongs to, by the prefixes carriers print (SF 顺丰, JD/JDV
 * 京东, YT 圆通, JT 极兔, DPK 德邦, E…CN 邮政 EMS). Only a suggestion for an empty carrier field: numbers
 * of all digits (中通, 韵达, 申通) say nothing, and the clerk reads the waybill.
 */
const PREFIXES: Array<[RegExp, string]> = [
  [/^SF\d/, '顺丰速运'],
  [/^JD[A-Z]?\d/, '京东物流'],
  [/^YT\d/, '圆通速递'],
  [/^JT\d/, '极兔速递'],
  [/^DPK\d/, '德邦快递'],
  [/^E[A-Z]\d{9}CN$/, 'EMS'],
]

export function guessCarrier(trackingNo: string): string | undefined {
  const t = trackingNo.trim().toUpperCase()
  return PREFIXES.find(([re]) => re.test(t))?.[1]
}
