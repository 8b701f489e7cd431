/** Masks for lists and printed passes: 110101********1234, 138****5678. */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return ''
  if (id.length < 10) return '*'.repeat(id.length)
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4)
}

export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return ''
  const digits = phone.replace(/\D/g, '')
  if (digits.length === 11 && digits.startsWith('1')) return `${digits.slice(0, 3)}****${digits.slice(7)}`
  if (phone.length <= 4) return phone
  return phone.slice(0, Math.max(0, phone.length - 8)) + '****' + phone.slice(-4)
}
