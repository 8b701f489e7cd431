import { z } from 'zod'
import { halfWidth } from './normalize'

/**
 * What one row of a site file carries (one row = one resident; its unit is created when it does not
 * exist yet). Files name the columns in many ways: each field lists the headers it is known by; the
 * administrator can change the mapping in the preview.
 */
export const IMPORT_FIELDS = ['building', 'entrance', 'room', 'name', 'kind', 'phone', 'idNumber', 'moveInDate'] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]
/** 楼栋 may be written inside 房号 ("3-2-1502", "3栋2单元1502室"), so a file without it is checked row by row. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['room', 'name', 'kind', 'phone']

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  building: '楼栋',
  entrance: '单元',
  room: '房号',
  name: '姓名',
  kind: '类型',
  phone: '电话',
  idNumber: '身份证号',
  moveInDate: '入住日期',
}

/** Headers each field is known by, most usual first (compared after dropping spaces, * and (…)). */
export const IMPORT_SYNONYMS: Record<ImportField, readonly string[]> = {
  building: ['楼栋', '楼号', '栋', '栋号', '楼栋号', '幢', '幢号', '楼', '楼宇', '座', '楼座'],
  entrance: ['单元', '单元号'],
  room: ['房号', '房间号', '室', '室号', '房间', '门牌号', '户号', '房屋号', '房屋', '房屋编号', '房屋地址', '楼栋房号', '楼栋单元房号', '地址', '住址'],
  name: ['姓名', '住户姓名', '业主姓名', '名字', '住户', '人员姓名'],
  kind: ['类型', '身份', '住户类型', '人员类型', '住户身份', '类别', '与业主关系', '关系'],
  phone: ['电话', '联系电话', '手机', '手机号', '手机号码', '电话号码', '联系方式'],
  idNumber: ['身份证号', '身份证', '身份证号码', '证件号', '证件号码'],
  moveInDate: ['入住日期', '入住时间', '入住', '迁入日期', '入伙日期', '入住年月'],
}

const headerWord = (h: string) =>
  halfWidth(h)
    .replace(/\(.*?\)|（.*?）|\*|\s/g, '')
    .trim()

/** The mapping a file's header row suggests: each field to the first header known for it, each header used once. */
export function guessMapping(headers: readonly string[]): Record<ImportField, string | null> {
  const used = new Set<string>()
  const words = headers.map(headerWord)
  const out = {} as Record<ImportField, string | null>
  for (const f of IMPORT_FIELDS) {
    out[f] = null
    for (const syn of IMPORT_SYNONYMS[f]) {
      const i = words.findIndex((w, k) => w === syn && !used.has(headers[k]))
      if (i >= 0) {
        out[f] = headers[i]
        used.add(headers[i])
        break
      }
    }
  }
  return out
}

/** 业主/租户/家属 as sites write them (产权人, 房东, 承租人, 租客, 家庭成员, 配偶 …). */
export const KIND_WORDS: Record<'owner' | 'tenant' | 'family', readonly string[]> = {
  owner: ['业主', '产权人', '房东', '户主', '屋主', 'owner'],
  tenant: ['租户', '租客', '承租人', '房客', '租住', 'tenant'],
  family: ['家属', '家庭成员', '亲属', '同住人', '同住', '配偶', '子女', '父母', '家人', 'family'],
}

export function kindOf(raw: string): 'owner' | 'tenant' | 'family' | null {
  const w = halfWidth(raw).replace(/\s/g, '').toLowerCase()
  for (const k of ['owner', 'tenant', 'family'] as const) if (KIND_WORDS[k].includes(w)) return k
  return null
}

const mappingSchema = z
  .partialRecord(z.enum(IMPORT_FIELDS), z.string().max(100).nullable(), { error: '列对应不正确' })
  .optional()

export const importFileInput = z.object({
  fileName: z
    .string({ error: '文件名不能为空' })
    .regex(/\.(csv|xlsx)$/i, { error: '文件类型应为 .csv 或 .xlsx' }),
  /** The file's bytes, base64 (works over IPC and HTTP alike). */
  contentBase64: z.string().min(1, { error: '文件内容为空' }).max(40_000_000, { error: '文件过大(上限约30MB)' }),
  /** Field → header chosen by the administrator; fields left out follow the header row. */
  mapping: mappingSchema,
})

export const importCommitInput = importFileInput.extend({
  /** 'all' refuses a file with any bad row; 'validOnly' imports the good rows and skips the rest. */
  mode: z.enum(['all', 'validOnly'], { error: '导入方式不正确' }),
})

export interface ImportRowError {
  /** The row number as Excel shows it (the header is row 1). */
  row: number
  /** The field's Chinese name. */
  field: string
  /** What the file held in that cell. */
  value: string
  message: string
}

/** A refused row as it was in the file, to download, fix and import again. */
export interface RefusedRow {
  row: number
  cells: string[]
  reasons: string
}

export interface ImportPreview {
  headers: string[]
  mapping: Record<ImportField, string | null>
  /** Required fields that no column is mapped to: nothing can be checked until they are. */
  missing: ImportField[]
  totalRows: number
  validRows: number
  newUnits: number
  errors: ImportRowError[]
  refusedRows: RefusedRow[]
  sample: Array<{ row: number; unit: string; name: string; kind: string; phone: string; moveInDate: string }>
}

export interface ImportResult {
  importedResidents: number
  createdUnits: number
  createdBuildings: number
  skippedRows: number
  headers: string[]
  errors: ImportRowError[]
  refusedRows: RefusedRow[]
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/**
 * The refused rows as a CSV to fix and import again: the file's own columns (so it re-imports as
 * it is), then 原行号 and 未导入原因 (extra columns are ignored on import). UTF-8 with a BOM, so
 * Excel opens the Chinese correctly.
 */
export function refusedRowsCsv(headers: readonly string[], rows: readonly RefusedRow[]): string {
  const lines = [[...headers, '原行号', '未导入原因'], ...rows.map((r) => [...headers.map((_, i) => r.cells[i] ?? ''), String(r.row), r.reasons])]
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
