import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { MOVE_IN_COUNT_LABELS, MOVE_IN_COUNT_UNITS, MOVE_IN_COUNTS } from '../../../shared/moveIn/schema'
import type { PdfFile } from '../../../shared/print/api'
import { localDateTime } from '../../../shared/time/zone'
import type { Ctx } from '../context'
import { notFound } from '../errors'
import { A4_PORTRAIT, docHeader, fieldTable, footerWithPageNumbers, pageSettings } from '../print/layout'
import { registerTable, sectionTitle } from '../print/docs/table'
import { renderPdf } from '../print/pdf'
import { printSite, signatureCell } from '../reception/printParts'
import { readDocuments } from './service'
import { moveInRow } from './read'

/**
 * 入住交接单 (A4): what was handed to the new owner — keys and cards counted, each access card by its
 * number, the documents ticked against the site's list — with the owner's and the clerk's signatures.
 * Before the owner signs it prints as a draft (未签字), so an unsigned sheet cannot pass for the record.
 */
export async function printMoveIn(ctx: Ctx, id: string): Promise<PdfFile> {
  const r = ctx.db.read
  const m = await moveInRow(r, id)
  if (!m) throw notFound('入住手续')
  const site = await printSite(r)
  const tz = site.timeZone
  const list = await readDocuments(r)
  const docs = [...list, ...m.documents.filter((d) => !list.includes(d))]
  const drawn = m.hasDrawnSignature ? (await r.get<{ drawn: string }>('SELECT drawn FROM move_in_signatures WHERE move_in_id = ?', [id]))!.drawn : null
  const doc: TDocumentDefinitions = {
    ...pageSettings(A4_PORTRAIT),
    content: [
      docHeader({ siteName: site.name, office: site.office, title: '入住交接单', serial: m.serial, subtitle: m.signedAt ? '业主已签字确认' : '草稿 · 业主未签字', phone: site.phone }),
      ...(m.signedAt ? [] : [{ text: '未签字 · 仅供核对', color: '#c00000', bold: true, alignment: 'center' as const, margin: [0, 0, 0, 6] as [number, number, number, number] }]),
      fieldTable([
        ['房号', m.unitLabel],
        ['新业主', m.ownerName],
        ['办理时间', localDateTime(m.startedAt, tz)],
        ['经办', m.staffName],
      ]),
      sectionTitle('一、钥匙与卡'),
      registerTable(
        ['项目', '数量', '说明'],
        [120, 60, '*'],
        [
          ...MOVE_IN_COUNTS.map((k) => [MOVE_IN_COUNT_LABELS[k], `${m[k]} ${MOVE_IN_COUNT_UNITS[k]}`, '']),
          ['门禁卡', `${m.cards.length} 张`, m.cards.length ? m.cards.map((c) => `${c.kindName} ${c.cardNo}(${c.holderName})`).join(';') : '未发'],
        ],
        10,
      ),
      sectionTitle('二、资料'),
      registerTable(
        ['资料', '已交'],
        ['*', 60],
        docs.length ? docs.map((d) => [d, m.documents.includes(d) ? '✓ 已交' : '未交']) : [['(项目设置未列资料)', '']],
        10,
      ),
      ...(m.note ? [sectionTitle('三、备注'), { text: m.note, fontSize: 10, margin: [0, 0, 0, 6] as [number, number, number, number] }] : []),
      {
        text: '以上钥匙、门禁卡、电卡、水卡、信箱钥匙及资料已当面点清交付。门禁卡遗失请及时到服务中心挂失;迁出时凭卡退还押金。',
        fontSize: 9.5,
        margin: [0, 8, 0, 8],
      },
      {
        table: {
          widths: ['*', '*'],
          body: [[signatureCell('业主签字', m.signedByName ?? '', drawn, m.signedAt ? localDateTime(m.signedAt, tz) : null), signatureCell('经办人签字', m.staffName, null, null)]],
          dontBreakRows: true,
        },
        unbreakable: true,
      },
    ],
    footer: footerWithPageNumbers(localDateTime(ctx.now(), tz)),
  }
  const pdf = await renderPdf(doc)
  return { fileName: `入住交接单-${m.serial}.pdf`, pdfBase64: pdf.toString('base64') }
}
