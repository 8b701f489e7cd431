import { CARD_NO_RE } from './schema'

/**
 * A USB card reader is a keyboard ("wedge"): it types the card number in a burst of a few ms a key and
 * ends with Enter. The number field takes what such a burst typed only when it ends with Enter and
 * holds nothing but the number; a burst cut off (no Enter) or carrying stray keys (a reader set to the
 * wrong format, a key pressed in between) is refused with words the clerk can act on.
 */
export type WedgeRead = { cardNo: string } | { problem: string }

export function readWedge(burst: string): WedgeRead {
  if (!/[\r\n]$/.test(burst)) return { problem: '卡号读取不完整(读卡器未以回车结束),请重新刷卡' }
  const body = burst.replace(/[\r\n]+$/, '').toUpperCase()
  if (body === '') return { problem: '卡号为空,请重新刷卡' }
  if (!CARD_NO_RE.test(body)) return { problem: `卡号含有读卡器以外的字符(${body.replace(/[0-9A-F]/g, '') || '长度不符'}),请重新刷卡` }
  return { cardNo: body }
}
