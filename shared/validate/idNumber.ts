/**
 * Chinese resident ID number (GB 11643-1999): 17 digits + check character.
 * Returns null when valid, else a short Chinese reason.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

export function idNumberProblem(raw: string): string | null {
  const id = raw.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return '应为18位,前17位为数字,末位为数字或X'
  if (id[0] === '0') return '地区码不正确'
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  const valid =
    y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  if (!valid || date.getTime() > Date.now()) return '出生日期不正确'
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return '校验位不正确'
  return null
}
