import { FIELD_LABELS } from './fieldLabels'

/**
 * The seal of a permit (issue E), the part that needs no database or secret: what a seal covers, how
 * a difference between the sealed and the stored permit is named for people, and the answer shapes.
 * The keyed chain itself is electron/core/permit/seal.ts.
 */

/** A permit as sealed: its row (minus sync bookkeeping) and every fact hanging on it. */
export interface PermitSnapshot {
  permit: Record<string, unknown>
  reviews: Array<Record<string, unknown>>
  prints: Array<Record<string, unknown>>
  /** Each file's metadata and the SHA-256 of its content (not the content). */
  files: Array<Record<string, unknown>>
  /** Deposit-ledger rows booked on this permit. */
  ledger: Array<Record<string, unknown>>
}

/** Columns of `permits` by what a person calls them. */
export const PERMIT_COLUMN_LABELS: Record<string, string> = {
  id: '证件标识',
  created_at: '创建时间',
  deleted_at: '删除标记',
  kind: '证件类型',
  serial: '编号',
  year: '年份',
  state: '状态',
  unit_id: '房屋',
  unit_label: '房屋',
  renovation_id: '所属装修',
  parent_serial: '所属装修编号',
  replaces_id: '补办自',
  replaces_serial: '补办自',
  applicant: '申请人',
  applicant_name: '申请人',
  holder_name: '持证人',
  owner_consent: '业主同意',
  fields: '表单内容',
  valid_from: '有效期',
  valid_until: '有效期',
  extended_from: '原装修期限',
  submitted_at: '提交时间',
  submitted_by: '经办人',
  issued_at: '发证时间',
  used_at: '使用时间',
  used_by: '放行人',
  returned_at: '交回时间',
  return_note: '交回说明',
  voided_at: '作废时间',
  void_reason: '作废原因',
  print_count: '打印次数',
  check_code: '校验码',
}

const PART_LABELS: Record<Exclude<keyof PermitSnapshot, 'permit'>, string> = {
  reviews: '审批记录',
  prints: '打印记录',
  files: '附件/照片',
  ledger: '押金台账',
}

function parseJson(v: unknown): Record<string, unknown> | null {
  if (typeof v !== 'string') return null
  try {
    const o = JSON.parse(v) as unknown
    return o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** What differs between the sealed and the stored permit, by name (「状态」「搬运人」…), each once. */
export function describeChanges(sealed: PermitSnapshot, stored: PermitSnapshot): string[] {
  const out: string[] = []
  const add = (s: string) => {
    if (!out.includes(s)) out.push(s)
  }
  const keys = new Set([...Object.keys(sealed.permit ?? {}), ...Object.keys(stored.permit ?? {})])
  for (const k of keys) {
    const a = sealed.permit?.[k]
    const b = stored.permit?.[k]
    if (JSON.stringify(a) === JSON.stringify(b)) continue
    if (k === 'fields' || k === 'applicant') {
      const fa = parseJson(a) ?? {}
      const fb = parseJson(b) ?? {}
      const inner = [...new Set([...Object.keys(fa), ...Object.keys(fb)])].filter((x) => JSON.stringify(fa[x]) !== JSON.stringify(fb[x]))
      if (inner.length && k === 'fields') inner.forEach((x) => add(FIELD_LABELS[x] ?? x))
      else add(PERMIT_COLUMN_LABELS[k])
      continue
    }
    add(PERMIT_COLUMN_LABELS[k] ?? k)
  }
  for (const part of Object.keys(PART_LABELS) as Array<keyof typeof PART_LABELS>) {
    if (JSON.stringify(sealed[part] ?? []) !== JSON.stringify(stored[part] ?? [])) add(PART_LABELS[part])
  }
  return out
}

/** A permit's seal, as of now. `sealed: false`: a permit from before seals existed (none yet on this site). */
export interface PermitSealStatus {
  ok: boolean
  sealed: boolean
  /** Seals in the permit's history. */
  count: number
  /** Chinese, one line: what is wrong (empty when ok). */
  problems: string[]
}

/** The 校验 screen's answer: every chain of every terminal and every permit's latest seal. */
export interface PermitSealReport {
  ok: boolean
  /** Permits checked. */
  checked: number
  /** Seal rows checked, over all terminals' chains. */
  seals: number
  broken: Array<{ id: string; serial: string; kindName: string; reason: string }>
}

/** The refusal when a permit's seal is broken: `action` is 使用, 打印, 延期, 作废 … */
export function brokenSealMessage(what: string, status: PermitSealStatus, action: string): string {
  return `${what} 的记录与封存不符(${status.problems.join(';')}),可能被改动,不能${action},请联系客服主管核查`
}
