import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import type { PdfFile } from '../../../shared/print/api'
import { localDateTime } from '../../../shared/time/zone'
import { fenToYuanText } from '../../../shared/validate/money'
import type { Ctx } from '../context'
import { notFound } from '../errors'
import { A5_PORTRAIT, docHeader, fieldTable, footerWithPageNumbers, pageSettings, signatureRow, tamperWarning } from '../print/layout'
import { renderPdf } from '../print/pdf'
import { getSite, getSiteRow } from '../site/service'
import { cardRow } from './read'
import { signatureOf } from './signature'
import { RESIDENT_KIND_LABELS, type ResidentKind } from '../../../shared/registry/schema'


/** 门禁卡领用签收单 (A5): what was handed over and paid, with the holder's signature line. */
export async function printReceipt(ctx: Ctx, id: string): Promise<PdfFile> {
  const r = ctx.db.read
  const c = await cardRow(r, id)
  if (!c) throw notFound('门禁卡')
  const site = (await getSiteRow(r))!
  const money = await r.all<{ item: string; amountFen: number; receiptNo: string | null }>(
    "SELECT item, amount_fen AS amountFen, receipt_no AS receiptNo FROM card_ledger WHERE card_id = ? AND kind = 'charge' ORDER BY created_at",
    [id],
  )
  const sum = (item: string) => money.filter((m) => m.item === item).reduce((s, m) => s + m.amountFen, 0)
  const consent = await r.get<{ c: string | null }>('SELECT owner_consent AS c FROM cards WHERE id = ?', [id])
  const ownerConsent = consent?.c ? (JSON.parse(consent.c) as { ownerName: string; note?: string }) : null
  // The service center's phone as the permits and the other receipts print it (项目设置 › 证件).
  const phone = (await getSite(ctx)).permit.serviceCenterPhone
  const drawn = await signatureOf(r, id)
  const doc: TDocumentDefinitions = {
    ...pageSettings(A5_PORTRAIT),
    content: [
      docHeader({ siteName: site.name, office: site.office, title: '门禁卡领用签收单', serial: c.cardNo, subtitle: `${c.kindName} · ${c.replacesCardNo ? '补卡' : '新发'}`, phone }),
      ...(drawn && !drawn.sealed ? [tamperWarning('持卡人手写签名', '签名与发卡时记录的不一致')] : []),
      fieldTable([
        ['房号', c.unitLabel],
        ['持卡人', `${c.holderName}(${RESIDENT_KIND_LABELS[c.holderKind as ResidentKind] ?? c.holderKind})`],
        ['卡类', c.kindName],
        ['卡号', c.cardNo],
        ['押金', c.replacesCardNo ? '沿用原卡押金' : `${fenToYuanText(sum('deposit'))} 元`],
        [c.replacesCardNo ? '补卡费' : '工本费', `${fenToYuanText(c.replacesCardNo ? sum('replaceFee') : sum('fee'))} 元`],
        ['收据号', money.find((m) => m.receiptNo)?.receiptNo ?? ''],
        ['发卡时间', localDateTime(c.issuedAt, site.timeZone)],
        ...(c.replacesCardNo ? ([['原卡号(已挂失停用)', c.replacesCardNo, 'full']] as const) : []),
        ...(ownerConsent ? ([['业主同意', `${ownerConsent.ownerName}${ownerConsent.note ? `:${ownerConsent.note}` : ''}`, 'full']] as const) : []),
        ['经办', c.issuedBy, 'full'],
      ] as never),
      {
        text: '本人已领取上述门禁卡,知悉:卡片遗失须及时到服务中心挂失;卡号停用后不再启用;迁出时凭卡退还押金,押金只退一次。',
        fontSize: 9,
        margin: [0, 6, 0, 6],
      },
      // The holder's drawing where one was made (and still matches its seal); else the line to sign by hand.
      signatureRow(['持卡人签名', '经办人签名'], [drawn?.sealed ? { image: drawn.dataUrl, date: localDateTime(c.issuedAt, site.timeZone).slice(0, 10) } : null]),
    ],
    footer: footerWithPageNumbers(localDateTime(ctx.now(), site.timeZone)),
  }
  const pdf = await renderPdf(doc)
  return { fileName: `门禁卡领用签收单-${c.cardNo}.pdf`, pdfBase64: pdf.toString('base64') }
}
