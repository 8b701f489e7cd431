import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import type { PdfFile } from '../../../shared/print/api'
import { kindDef } from '../../../shared/permit/kinds'
import { canPrint, transition } from '../../../shared/permit/rules'
import type { PermitRecord, PermitRecordOf } from '../../../shared/permit/schema/record'
import type { LocalStamp } from '../../../shared/time/calendar'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Writer } from '../db/connection'
import { permitPrints } from '../db/schema'
import { rule } from '../errors'
import { newId } from '../ids'
import { renderPdf } from '../print/pdf'
import { requireSealed, sealPermit } from './seal'
import { buildPermitDocument, buildWorkerPassSheet } from './print/index'
import { loadRecord, saveRecord, type PermitDbRow } from './records'
import { codeOf, localNow, payloadOf, permitSite, type PermitSiteInfo } from './site'

/**
 * permit.print / permit.printPasses: the layouts of ./print (built from the record, with the QR of its
 * serial and check code) rendered to PDF, and every print logged — permit_prints (at, staff, terminal,
 * reprint number), the record's print count (a re-print says 补打 with its count) and the audit trail —
 * in one transaction. A document that may not be printed now (canPrint) is refused before anything is
 * written.
 */

interface Loaded {
  row: PermitDbRow
  record: PermitRecord
  payload: string
}

/** May it be printed now, and is the record as it was when its check code was made? */
function checkPrintable(site: PermitSiteInfo, row: PermitDbRow, record: PermitRecord, now: LocalStamp, field: string): Loaded {
  const can = canPrint(record, now)
  if (!can.ok) throw rule(can.reason, field)
  const code = codeOf(site, record)
  if (code !== row.checkCode) throw rule(`${kindDef(record.kind).name} ${row.serial} 的记录与发证时不符(可能被改动),不能打印,请联系管理员`, field)
  return { row, record, payload: payloadOf(site, record, record.printCount) }
}

async function logPrint(w: Writer, ctx: Ctx, now: LocalStamp, l: Loaded) {
  const next = transition(l.record, { type: 'print', at: now })
  if (!next.ok) throw rule(next.reason, 'id')
  await saveRecord(w, ctx, l.row, next.value)
  await w.orm.insert(permitPrints).values({ ...newRowMeta(ctx, newId()), permitId: l.row.id, at: now, staffId: ctx.staff!.id, reprint: l.record.printCount })
  const reprint = l.record.printCount > 0 ? `补打(第${l.record.printCount}次)` : '打印'
  await sealPermit(w, ctx, l.row.id, 'print', now)
  await audit(w, ctx, { action: 'permit.print', entity: 'permit', entityId: l.row.id, summary: `${reprint}${kindDef(l.record.kind).name} ${l.row.serial}`, changes: { reprint: l.record.printCount } })
}

const pdfFile = async (fileName: string, doc: TDocumentDefinitions): Promise<PdfFile> => ({ fileName, pdfBase64: (await renderPdf(doc)).toString('base64') })

export async function printPermit(ctx: Ctx, id: string): Promise<PdfFile> {
  const site = await permitSite(ctx.db.read)
  return ctx.db.tx(async (w) => {
    const now = localNow(ctx, site)
    const { row, record } = await loadRecord(w, id)
    await requireSealed(w, row.id, `${kindDef(record.kind).name} ${row.serial}`, '打印')
    const l = checkPrintable(site, row, record, now, 'id')
    const doc = buildPermitDocument(site, record, { reprintCount: record.printCount, qrPayload: l.payload, printedAt: now })
    const file = await pdfFile(`${kindDef(record.kind).name}-${row.serial}${record.printCount > 0 ? `-补打${record.printCount}` : ''}.pdf`, doc)
    await logPrint(w, ctx, now, l)
    return file
  })
}

/** Worker passes, eight cards to an A4 sheet, in the order given. */
export async function printPasses(ctx: Ctx, ids: readonly string[]): Promise<PdfFile> {
  const site = await permitSite(ctx.db.read)
  return ctx.db.tx(async (w) => {
    const now = localNow(ctx, site)
    const loaded: Loaded[] = []
    for (const [i, id] of [...new Set(ids)].entries()) {
      const { row, record } = await loadRecord(w, id)
      if (record.kind !== 'workerPass') throw rule(`${row.serial} 不是装修人员出入证`, `ids.${i}`)
      await requireSealed(w, row.id, `装修人员出入证 ${row.serial}`, '打印', `ids.${i}`)
      loaded.push(checkPrintable(site, row, record, now, `ids.${i}`))
    }
    const doc = buildWorkerPassSheet(
      site,
      loaded.map((l) => ({ record: l.record as PermitRecordOf<'workerPass'>, reprintCount: l.record.printCount, qrPayload: l.payload })),
      { printedAt: now },
    )
    const first = loaded[0].row.serial
    const file = await pdfFile(`装修人员出入证-${first}${loaded.length > 1 ? `等${loaded.length}张` : ''}.pdf`, doc)
    for (const l of loaded) await logPrint(w, ctx, now, l)
    return file
  })
}
