/**
 * A USB ID-card or QR reader is a keyboard ("wedge"): it types the 18-character ID number in a burst
 * and ends with Enter. The field takes what such a burst typed only when it ends with Enter and holds
 * nothing but an ID number; a burst cut off (no Enter) or carrying stray keys is refused with words
 * the clerk can act on, so a half-read number is never checked against the list.
 */
export type IdRead = { idNumber: string } | { problem: string }

export function readIdBurst(burst: string): IdRead {
  if (!/[\r\n]$/.test(burst)) return { problem: '身份证号读取不完整(读卡器未以回车结束),请重新读取' }
  const body = burst.replace(/[\r\n]+$/, '').toUpperCase()
  if (body === '') return { problem: '身份证号为空,请重新读取' }
  const stray = body.replace(/[0-9X]/g, '')
  if (stray) return { problem: `身份证号含有读卡器以外的字符(${stray}),请重新读取` }
  if (body.length !== 18) return { problem: `身份证号读到${body.length}位,应为18位,请重新读取` }
  return { idNumber: body }
}
