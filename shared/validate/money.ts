import { z } from 'zod'

/**
 * Money as the desk handles it: typed in 元, kept in fen (integers, so no float drifts into a
 * count). The text is read exactly — "12.345" is refused, never rounded, because a rounded figure
 * would be a different count than the one the clerk made. The same parse serves the form (message
 * at the field) and the core (integer fen).
 */

/** The largest amount the desk accepts: 1,000,000.00 元. */
export const FEN_MAX = 100_000_000

/** Full-width digits and punctuation (typed with a Chinese IME) → ASCII. */
function halfWidth(s: string): string {
  return s.replace(/[０-９．，－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

export type YuanParse = { fen: number } | { problem: string }

/**
 * "500", "500.5", "500.50", "1,200.00", "３００元", "¥12" → fen; anything else → what is wrong,
 * in words that follow the field's label ("备用金" + "最多两位小数…").
 */
export function parseYuan(raw: string): YuanParse {
  let s = halfWidth(raw).replace(/\s+/g, '').replace(/^[¥￥]/, '').replace(/元$/, '')
  if (s === '') return { problem: '不能为空' }
  if (/^-/.test(s)) return { problem: '不能为负数' }
  // Thousands separators only where they group thousands ("1,200"); "1,2" is not an amount.
  if (s.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) return { problem: '应为金额,如 500 或 500.50' }
    s = s.replace(/,/g, '')
  }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s)
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return { problem: '应为金额,如 500 或 500.50' }
  const [, whole, frac = ''] = m
  if (frac.length > 2) return { problem: '最多两位小数(到分),请按实际金额填写' }
  if (whole.length > 10) return { problem: `不能超过 ${(FEN_MAX / 100).toLocaleString('en-US')} 元` }
  const fen = Number(whole || '0') * 100 + Number(frac.padEnd(2, '0'))
  if (fen > FEN_MAX) return { problem: `不能超过 ${(FEN_MAX / 100).toLocaleString('en-US')} 元` }
  return { fen }
}

/** fen → "1200.50", the way the field shows a saved amount back. */
export const fenToYuanText = (fen: number) => (fen / 100).toFixed(2)

/** An amount as the core receives it: integer fen, not negative, within FEN_MAX. */
export const fenAmount = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int({ error: `${label}应为整数(金额以分计)` })
    .min(0, { error: `${label}不能为负数` })
    .max(FEN_MAX, { error: `${label}过大` })

/**
 * A field typed in 元 (a string) that parses to integer fen, or names what is wrong; its result
 * goes through the core's own fenAmount, so the form cannot pass what the core would refuse.
 */
export const yuanText = (label: string) =>
  z
    .string({ error: `${label}不能为空` })
    .transform((v, ctx) => {
      const r = parseYuan(v)
      if ('problem' in r) {
        ctx.addIssue({ code: 'custom', message: `${label}${r.problem}` })
        return z.NEVER
      }
      return r.fen
    })
    .pipe(fenAmount(label))

/** A number of things counted beside money in the same table (keys, radios): a whole number. */
export const countText = (label: string) =>
  z.string({ error: `${label}不能为空` }).transform((v, ctx) => {
    const s = halfWidth(v).replace(/\s+/g, '')
    if (s === '') ctx.addIssue({ code: 'custom', message: `${label}不能为空` })
    else if (/^-\d/.test(s)) ctx.addIssue({ code: 'custom', message: `${label}不能为负数` })
    else if (!/^\d+$/.test(s)) ctx.addIssue({ code: 'custom', message: `${label}应为整数,如 3` })
    else if (Number(s) > FEN_MAX) ctx.addIssue({ code: 'custom', message: `${label}过大` })
    else return Number(s)
    return z.NEVER
  })
