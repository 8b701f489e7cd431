import type { ComplaintRow } from './schema'

/**
 * What a complaint still needs before it can be closed (办结): a result, then a call-back recorded
 * after that result (or the recorded reason why none was possible). Empty when it may close. The core
 * refuses with the first; the screen shows them all.
 */
export function closeBlockers(c: Pick<ComplaintRow, 'resultAt' | 'callBackAt' | 'closedAt'>): Array<{ field: 'complaintId' | 'result' | 'callBack'; message: string }> {
  if (c.closedAt) return [{ field: 'complaintId', message: '该投诉已办结' }]
  const out: Array<{ field: 'result' | 'callBack'; message: string }> = []
  if (!c.resultAt) out.push({ field: 'result', message: '尚未登记处理结果,不能办结' })
  if (!c.callBackAt || (c.resultAt && c.callBackAt < c.resultAt)) out.push({ field: 'callBack', message: '尚未回访(或登记无法回访的原因),不能办结' })
  return out
}

/** The state a clerk reads: 待处理 → 待回访 → 可办结 → 已办结. */
export function complaintStage(c: Pick<ComplaintRow, 'resultAt' | 'callBackAt' | 'closedAt' | 'slipCount'>): string {
  if (c.closedAt) return '已办结'
  if (!c.resultAt) return c.slipCount ? '处理中' : '待派单'
  if (!c.callBackAt || c.callBackAt < c.resultAt) return '待回访'
  return '待办结'
}
