import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import { z } from 'zod'
import type { ImportPreview, ImportResult, ImportRowError } from '../../../shared/registry/importSchema'
import { REQUIRED_IMPORT_COLUMNS } from '../../../shared/registry/importSchema'
import { type ResidentKind, unitLabel } from '../../../shared/registry/schema'
import { optionalIdNumber, optionalIsoDate, phone, text } from '../../../shared/validate/fields'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Writer } from '../db/connection'
import { residents } from '../db/schema'
import { rule } from '../errors'
import { newId } from '../ids'
import { searchColumns } from './residents'
import { insertBuilding, insertUnit } from './units'

const KIND_BY_LABEL: Record<string, ResidentKind> = { 业主: 'owner', 租户: 'tenant', 家属: 'family', owner: 'owner', tenant: 'tenant', family: 'family' }

/** One file row, validated with the same field rules as the resident form. */
const rowSchema = z.object({
  楼栋: z.string().trim().regex(/^[A-Za-z0-9-]{1,10}$/, { error: '楼栋号应为1–10位字母或数字' }),
  单元: z.string().trim().regex(/^[A-Za-z0-9]{0,6}$/, { error: '单元号应为字母或数字' }),
  房号: z.string().trim().regex(/^[A-Za-z0-9-]{1,10}$/, { error: '房号应为1–10位字母或数字' }),
  姓名: text('姓名', 30),
  类型: z.string().trim().refine((v) => v in KIND_BY_LABEL, { error: `类型应为 业主/租户/家属` }),
  电话: phone('电话'),
  身份证号: optionalIdNumber('身份证号'),
  入住日期: optionalIsoDate('入住日期'),
})
type ImportRow = z.output<typeof rowSchema>

/** Chinese CSVs saved by Excel are often GB18030, not UTF-8: try UTF-8 strictly first. */
function decodeText(buf: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '')
  } catch {
    return new TextDecoder('gb18030').decode(buf)
  }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue)
    if ('richText' in v) return v.richText.map((t) => t.text).join('')
  }
  return String(v)
}

async function readTable(fileName: string, base64: string): Promise<Record<string, string>[]> {
  const buf = Buffer.from(base64, 'base64')
  if (/\.xlsx$/i.test(fileName)) {
    const wb = new ExcelJS.Workbook()
    try {
      await wb.xlsx.load(buf as unknown as ArrayBuffer)
    } catch {
      throw rule('无法读取该 Excel 文件,请确认是 .xlsx 格式', 'file')
    }
    const ws = wb.worksheets[0]
    if (!ws) throw rule('Excel 文件中没有工作表', 'file')
    const header: string[] = []
    const rows: Record<string, string>[] = []
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v).trim())
      if (n === 1) header.push(...values)
      else rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? ''])))
    })
    return rows
  }
  const parsed = Papa.parse<Record<string, string>>(decodeText(buf), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() })
  return parsed.data
}

interface Checked {
  rows: Array<{ row: number; data: ImportRow }>
  errors: ImportRowError[]
  total: number
}

async function check(ctx: Ctx, fileName: string, base64: string): Promise<Checked> {
  const table = await readTable(fileName, base64)
  if (!table.length) throw rule('文件中没有数据行', 'file')
  const missing = REQUIRED_IMPORT_COLUMNS.filter((c) => !(c in table[0]))
  if (missing.length) throw rule(`文件缺少列:${missing.join('、')}(第一行应为表头)`, 'file')
  const existing = new Set(
    (await ctx.db.read.all<{ k: string }>(
      `SELECT b.code || '-' || u.entrance || '-' || u.room || '|' || r.name || '|' || r.phone AS k
         FROM residents r JOIN units u ON u.id = r.unit_id JOIN buildings b ON b.id = u.building_id WHERE r.deleted_at IS NULL`,
    )).map((r) => r.k),
  )
  const seen = new Set<string>()
  const rows: Checked['rows'] = []
  const errors: ImportRowError[] = []
  table.forEach((raw, i) => {
    const rowNo = i + 2 // row 1 is the header, as the user sees it in Excel
    const res = rowSchema.safeParse({ ...raw, 单元: raw['单元'] ?? '', 身份证号: raw['身份证号'] || undefined, 入住日期: raw['入住日期'] || undefined })
    if (!res.success) {
      for (const issue of res.error.issues) errors.push({ row: rowNo, field: String(issue.path[0] ?? ''), message: issue.message })
      return
    }
    const d = res.data
    const key = `${d.楼栋}-${d.单元}-${d.房号}|${d.姓名}|${d.电话}`
    if (seen.has(key)) errors.push({ row: rowNo, field: '姓名', message: '与文件中前面的行重复' })
    else if (existing.has(key)) errors.push({ row: rowNo, field: '姓名', message: '该住户已登记' })
    else rows.push({ row: rowNo, data: d })
    seen.add(key)
  })
  return { rows, errors, total: table.length }
}

async function unitKeysInDb(ctx: Ctx) {
  return new Set((await ctx.db.read.all<{ k: string }>(`SELECT b.code || '-' || u.entrance || '-' || u.room AS k FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.deleted_at IS NULL`)).map((r) => r.k))
}

export async function previewImport(ctx: Ctx, fileName: string, base64: string): Promise<ImportPreview> {
  const c = await check(ctx, fileName, base64)
  const have = await unitKeysInDb(ctx)
  const newUnits = new Set(c.rows.map((r) => `${r.data.楼栋}-${r.data.单元}-${r.data.房号}`).filter((k) => !have.has(k)))
  return {
    totalRows: c.total,
    validRows: c.rows.length,
    newUnits: newUnits.size,
    errors: c.errors,
    sample: c.rows.slice(0, 10).map((r) => ({ row: r.row, unit: unitLabel(r.data.楼栋, r.data.单元, r.data.房号), name: r.data.姓名, kind: r.data.类型, phone: r.data.电话 })),
  }
}

/**
 * Imports in one transaction. 'all' refuses a file with any bad row (nothing written);
 * 'validOnly' writes the good rows and reports how many were skipped.
 */
export async function commitImport(ctx: Ctx, fileName: string, base64: string, mode: 'all' | 'validOnly'): Promise<ImportResult> {
  const c = await check(ctx, fileName, base64)
  if (mode === 'all' && c.errors.length) {
    throw rule(`文件有 ${new Set(c.errors.map((e) => e.row)).size} 行错误,未导入任何数据;请修正后重试,或选择"仅导入正确的行"`, 'file')
  }
  if (!c.rows.length) throw rule('没有可导入的正确行', 'file')
  return ctx.db.tx(async (w: Writer) => {
    const buildings = new Map((await w.all<{ id: string; code: string }>('SELECT id, code FROM buildings WHERE deleted_at IS NULL')).map((b) => [b.code, b]))
    const unitIds = new Map(
      (await w.all<{ id: string; k: string }>(`SELECT u.id, b.code || '-' || u.entrance || '-' || u.room AS k FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.deleted_at IS NULL`)).map((u) => [u.k, u.id]),
    )
    let createdBuildings = 0
    let createdUnits = 0
    for (const { data: d } of c.rows) {
      let b = buildings.get(d.楼栋)
      if (!b) {
        b = await insertBuilding(w, ctx, d.楼栋)
        buildings.set(d.楼栋, b)
        createdBuildings++
      }
      const k = `${d.楼栋}-${d.单元}-${d.房号}`
      let unitId = unitIds.get(k)
      if (!unitId) {
        unitId = (await insertUnit(w, ctx, b, d.单元, d.房号)).id
        unitIds.set(k, unitId)
        createdUnits++
      }
      await w.orm.insert(residents).values({
        ...newRowMeta(ctx, newId()),
        unitId,
        name: d.姓名,
        kind: KIND_BY_LABEL[d.类型],
        phone: d.电话,
        idNumber: d.身份证号 ?? null,
        moveInDate: d.入住日期 ?? null,
        note: null,
        ...searchColumns(d.姓名, d.电话),
      })
    }
    const result = { importedResidents: c.rows.length, createdUnits, createdBuildings, skippedRows: new Set(c.errors.map((e) => e.row)).size }
    await audit(w, ctx, { action: 'registry.import', entity: 'import', summary: `从 ${fileName} 导入住户 ${result.importedResidents} 人,新建房屋 ${createdUnits} 套,跳过 ${result.skippedRows} 行`, changes: result })
    return result
  })
}
