import ExcelJS from 'exceljs'
import Papa from 'papaparse'
import type { z } from 'zod'
import {
  guessMapping,
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  REQUIRED_IMPORT_FIELDS,
  type ImportField,
  type importFileInput,
  type ImportPreview,
  type ImportResult,
  type ImportRowError,
  type RefusedRow,
} from '../../../shared/registry/importSchema'
import { checkImportRow, type ImportRowData } from '../../../shared/registry/importRow'
import { normBuilding, roomKey } from '../../../shared/registry/normalize'
import { RESIDENT_KIND_LABELS, unitLabel } from '../../../shared/registry/schema'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Writer } from '../db/connection'
import { residents } from '../db/schema'
import { rule } from '../errors'
import { newId } from '../ids'
import { searchColumns } from './residents'
import { insertBuilding, insertUnit } from './units'

type FileInput = z.output<typeof importFileInput>

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

interface Table {
  headers: string[]
  /** Row numbers as Excel shows them; blank rows are left out. */
  rows: Array<{ row: number; cells: string[] }>
}

async function readTable(fileName: string, base64: string): Promise<Table> {
  const buf = Buffer.from(base64, 'base64')
  const lines: Array<{ row: number; cells: string[] }> = []
  if (/\.xlsx$/i.test(fileName)) {
    const wb = new ExcelJS.Workbook()
    try {
      await wb.xlsx.load(buf as unknown as ArrayBuffer)
    } catch {
      throw rule('无法读取该 Excel 文件,请确认是 .xlsx 格式', 'file')
    }
    const ws = wb.worksheets[0]
    if (!ws) throw rule('Excel 文件中没有工作表', 'file')
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const values = row.values as ExcelJS.CellValue[]
      lines.push({ row: n, cells: Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1]).trim()) })
    })
  } else {
    const parsed = Papa.parse<string[]>(decodeText(buf), { skipEmptyLines: false })
    parsed.data.forEach((cells, i) => lines.push({ row: i + 1, cells: cells.map((c) => String(c ?? '').trim()) }))
  }
  const filled = lines.filter((l) => l.cells.some((c) => c !== ''))
  if (!filled.length) throw rule('文件是空的', 'file')
  const [head, ...rows] = filled
  return { headers: head.cells.map((h, i) => h || `第${i + 1}列`), rows }
}

/** The administrator's choices over the header row's suggestion; a header the file lacks is refused. */
function resolveMapping(headers: string[], chosen: FileInput['mapping']): Record<ImportField, string | null> {
  const mapping = guessMapping(headers)
  for (const [f, h] of Object.entries(chosen ?? {}) as Array<[ImportField, string | null]>) {
    if (h != null && !headers.includes(h)) throw rule(`${IMPORT_FIELD_LABELS[f]}对应的列"${h}"不在文件中`, 'mapping')
    mapping[f] = h
  }
  return mapping
}

interface Checked {
  table: Table
  mapping: Record<ImportField, string | null>
  missing: ImportField[]
  good: Array<{ row: number; data: ImportRowData }>
  errors: ImportRowError[]
  refusedRows: RefusedRow[]
}

interface Registered {
  code: string
  entrance: string
  room: string
  name: string
  phone: string
  idNumber: string | null
}

async function check(ctx: Ctx, input: FileInput): Promise<Checked> {
  const table = await readTable(input.fileName, input.contentBase64)
  const mapping = resolveMapping(table.headers, input.mapping)
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => !mapping[f])
  if (!table.rows.length) throw rule('文件中没有数据行(第一行应为表头)', 'file')
  if (missing.length) return { table, mapping, missing, good: [], errors: [], refusedRows: [] }

  const col = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, mapping[f] == null ? -1 : table.headers.indexOf(mapping[f]!)])) as Record<ImportField, number>
  const registered = await ctx.db.read.all<Registered>(
    `SELECT b.code, u.entrance, u.room, r.name, r.phone, r.id_number AS idNumber
       FROM residents r JOIN units u ON u.id = r.unit_id JOIN buildings b ON b.id = u.building_id WHERE r.deleted_at IS NULL`,
  )
  const sameKey = (key: string, d: { name: string; phone: string }) => `${key}|${d.name}|${d.phone}`
  const existing = new Set(registered.map((r) => sameKey(roomKey(r.code, r.entrance, r.room), r)))
  const idOwner = new Map(registered.filter((r) => r.idNumber).map((r) => [r.idNumber!, r]))

  const errors: ImportRowError[] = []
  const seen = new Map<string, number>()
  const passed: Array<{ row: number; data: ImportRowData }> = []
  for (const { row, cells } of table.rows) {
    const values = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, col[f] < 0 ? '' : (cells[col[f]] ?? '')])) as Record<ImportField, string>
    const res = checkImportRow(values)
    if ('problems' in res) {
      errors.push(...res.problems.map((p) => ({ row, ...p })))
      continue
    }
    const d = res.data
    const k = sameKey(d.key, d)
    const label = unitLabel(d.building, d.entrance, d.room)
    if (seen.has(k)) errors.push({ row, field: '姓名', value: d.name, message: `与第${seen.get(k)}行重复(同一房屋、姓名、电话)` })
    else if (existing.has(k)) errors.push({ row, field: '姓名', value: d.name, message: `${label} 的 ${d.name} 已登记` })
    else if (d.idNumber && idOwner.has(d.idNumber)) {
      const o = idOwner.get(d.idNumber)!
      errors.push({ row, field: '身份证号', value: d.idNumber, message: `该身份证号已登记在 ${unitLabel(o.code, o.entrance, o.room)} 的 ${o.name} 名下(一个身份证号只属于一个人)` })
    } else passed.push({ row, data: d })
    if (!seen.has(k)) seen.set(k, row)
  }
  // The same ID number on two rows of the file: we cannot know which is right, so both are refused.
  const byId = new Map<string, number[]>()
  for (const p of passed) if (p.data.idNumber) byId.set(p.data.idNumber, [...(byId.get(p.data.idNumber) ?? []), p.row])
  const good = passed.filter((p) => {
    const rows = p.data.idNumber ? byId.get(p.data.idNumber)! : []
    if (rows.length < 2) return true
    const others = rows.filter((r) => r !== p.row).map((r) => `第${r}行`).join('、')
    errors.push({ row: p.row, field: '身份证号', value: p.data.idNumber!, message: `与${others}的身份证号相同(一个身份证号只属于一个人)` })
    return false
  })
  errors.sort((a, b) => a.row - b.row)

  const cellsOf = new Map(table.rows.map((r) => [r.row, r.cells]))
  const reasons = new Map<number, string[]>()
  for (const e of errors) reasons.set(e.row, [...(reasons.get(e.row) ?? []), `${e.field}:${e.message}`])
  const refusedRows = [...reasons].map(([row, rs]) => ({ row, cells: cellsOf.get(row) ?? [], reasons: rs.join(';') }))
  return { table, mapping, missing, good, errors, refusedRows }
}

export async function previewImport(ctx: Ctx, input: FileInput): Promise<ImportPreview> {
  const c = await check(ctx, input)
  const have = new Set((await ctx.db.read.all<{ k: string }>('SELECT room_key AS k FROM units WHERE deleted_at IS NULL')).map((r) => r.k))
  const newUnits = new Set(c.good.map((r) => r.data.key).filter((k) => !have.has(k)))
  return {
    headers: c.table.headers,
    mapping: c.mapping,
    missing: c.missing,
    totalRows: c.table.rows.length,
    validRows: c.good.length,
    newUnits: newUnits.size,
    errors: c.errors,
    refusedRows: c.refusedRows,
    sample: c.good.slice(0, 10).map(({ row, data: d }) => ({
      row,
      unit: unitLabel(d.building, d.entrance, d.room),
      name: d.name,
      kind: RESIDENT_KIND_LABELS[d.kind],
      phone: d.phone,
      moveInDate: d.moveInDate ?? '',
    })),
  }
}

/**
 * Imports in one transaction. 'all' refuses a file with any bad row (nothing written);
 * 'validOnly' writes the good rows and returns the refused ones, to download and fix.
 */
export async function commitImport(ctx: Ctx, input: FileInput, mode: 'all' | 'validOnly'): Promise<ImportResult> {
  const c = await check(ctx, input)
  if (c.missing.length) throw rule(`请先为这些字段选择对应的列:${c.missing.map((f) => IMPORT_FIELD_LABELS[f]).join('、')}`, 'mapping')
  if (mode === 'all' && c.errors.length) {
    throw rule(`文件有 ${c.refusedRows.length} 行未通过检查,未导入任何数据;请修正后重试,或选择"仅导入正确的行"`, 'file')
  }
  if (!c.good.length) throw rule('没有可导入的正确行', 'file')
  return ctx.db.tx(async (w: Writer) => {
    const buildings = new Map((await w.all<{ id: string; code: string }>('SELECT id, code FROM buildings WHERE deleted_at IS NULL')).map((b) => [normBuilding(b.code), b]))
    const unitIds = new Map((await w.all<{ id: string; k: string }>('SELECT id, room_key AS k FROM units WHERE deleted_at IS NULL')).map((u) => [u.k, u.id]))
    let createdBuildings = 0
    let createdUnits = 0
    for (const { data: d } of c.good) {
      let b = buildings.get(d.building)
      if (!b) {
        b = await insertBuilding(w, ctx, d.building)
        buildings.set(d.building, b)
        createdBuildings++
      }
      let unitId = unitIds.get(d.key)
      if (!unitId) {
        unitId = (await insertUnit(w, ctx, b, d.entrance, d.room)).id
        unitIds.set(d.key, unitId)
        createdUnits++
      }
      await w.orm.insert(residents).values({
        ...newRowMeta(ctx, newId()),
        unitId,
        name: d.name,
        kind: d.kind,
        phone: d.phone,
        idNumber: d.idNumber,
        moveInDate: d.moveInDate,
        note: null,
        ...searchColumns(d.name, d.phone),
      })
    }
    const counts = { importedResidents: c.good.length, createdUnits, createdBuildings, skippedRows: c.refusedRows.length }
    await audit(w, ctx, {
      action: 'registry.import',
      entity: 'import',
      summary: `从 ${input.fileName} 导入住户 ${counts.importedResidents} 人,新建房屋 ${createdUnits} 套,跳过 ${counts.skippedRows} 行`,
      changes: counts,
    })
    return { ...counts, headers: c.table.headers, errors: c.errors, refusedRows: c.refusedRows }
  })
}
