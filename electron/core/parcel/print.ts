import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import { PARCEL_KIND_LABELS, type ParcelRow } from '../../../shared/parcel/schema'
import { localDateTime } from '../../../shared/time/zone'
import { A4_LANDSCAPE, A5_PORTRAIT, docHeader, fieldTable, footerWithPageNumbers, pageSettings, signatureRow } from '../print/layout'
import { registerTable } from '../print/docs/table'
import type { PrintSite } from '../visitor/print'

const RED = '#b00000'

/** A drawn signature where the picker signed on screen; else blank room to sign by hand on the paper. */
const signatureCell = (png: string | undefined, height: number): TableCell => (png ? { image: png, fit: [64, height], alignment: 'center' } : { text: '' })

/**
 * 邮件领取登记表 (A4 landscape) of the parcels received in a range: one row per parcel with its pickup,
 * the signature column filled with the drawn signature or left for a pen; parcels still waiting past the
 * site's days in red. Phones masked.
 */
export function parcelListDoc(site: PrintSite, from: string, to: string, parcels: ParcelRow[], signatures: Map<string, string>, printedAt: Date, overdueDays: number): TDocumentDefinitions {
  const tz = site.timeZone
  const t = (at: string | null) => (at ? localDateTime(at, tz).slice(5) : '')
  const range = from === to ? from : `${from} 至 ${to}`
  const waiting = parcels.filter((p) => !p.pickedUpAt).length
  return {
    ...pageSettings(A4_LANDSCAPE),
    info: { title: `邮件领取登记表 ${range}` },
    footer: footerWithPageNumbers(localDateTime(printedAt, tz), `电话已隐去部分数字;超过${overdueDays}天未领取的标红`),
    defaultStyle: { fontSize: 9 },
    content: [
      docHeader({ siteName: site.name, office: site.office, phone: site.phone, title: '邮件领取登记表', subtitle: `${range} · 收件 ${parcels.length} 件${waiting ? `,未领 ${waiting} 件` : ''}` }),
      parcels.length
        ? registerTable(
            ['编号', '收件时间', '房屋', '收件人 / 电话', '快递公司 / 运单号', '类型', '存放', '通知', '领取时间', '领取人', '领取人签名'],
            [58, 52, 70, 78, 100, 44, 36, '*', 52, 60, 72],
            parcels.map((p) => [
              p.serial,
              t(p.receivedAt),
              p.unitLabel,
              `${p.addressee}\n${p.addresseePhone}`,
              `${p.carrier}\n${p.trackingNo}`,
              PARCEL_KIND_LABELS[p.kind],
              p.shelf,
              p.notices.map((n) => `${t(n.at)} ${({ phone: '电话', sms: '短信', wechat: '微信' } as const)[n.channel]} ${n.byName}`).join('\n'),
              p.pickedUpAt ? t(p.pickedUpAt) : p.overdue ? { text: `未领,已${p.waitingDays}天`, color: RED, bold: true } : { text: '未领' },
              p.pickerName ? `${p.pickerName}${p.pickerRole === 'delegate' ? '(代领)' : ''}` : '',
              signatureCell(signatures.get(p.id), 22),
            ]),
            8.5,
          )
        : { text: '该期间没有收件', margin: [0, 8, 0, 8] },
      signatureRow(['值班员', '客服主管审阅']),
    ],
  }
}

/** 邮件领取单 (A5) of one parcel handed out: what, to whom, when; the drawn signature or a line to sign. */
export function parcelSlipDoc(site: PrintSite, p: ParcelRow, signature: string | undefined, printedAt: Date): TDocumentDefinitions {
  const tz = site.timeZone
  const sign: Content = signature
    ? { stack: [{ text: '领取人签名', bold: true, fontSize: 9.5 }, { image: signature, fit: [160, 50], margin: [0, 4, 0, 0] }], margin: [0, 4, 0, 8] }
    : signatureRow(['领取人签名', '经办人签名'])
  return {
    ...pageSettings(A5_PORTRAIT),
    info: { title: `邮件领取单 ${p.serial}` },
    footer: footerWithPageNumbers(localDateTime(printedAt, tz)),
    content: [
      docHeader({ siteName: site.name, office: site.office, phone: site.phone, title: '邮件领取单', serial: p.serial, subtitle: PARCEL_KIND_LABELS[p.kind] }),
      fieldTable([
        ['房屋', p.unitLabel],
        ['收件人', `${p.addressee}(${p.addresseePhone})`],
        ['快递公司', p.carrier],
        ['运单号', p.trackingNo],
        ['收件时间', localDateTime(p.receivedAt, tz)],
        ['存放位置', p.shelf],
        ['领取人', p.pickerName ? `${p.pickerName}${p.pickerRole === 'delegate' ? '(收件人指定代领)' : '(本人)'}` : '未领取'],
        ['领取时间', p.pickedUpAt ? localDateTime(p.pickedUpAt, tz) : ''],
        ['经办', p.handedOverByName ?? '', 'full'],
      ]),
      { text: '本人已核对并领取上述邮件,外包装完好。', fontSize: 9, margin: [0, 4, 0, 6] },
      sign,
    ],
  }
}
