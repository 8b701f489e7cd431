import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { PermitRecordOf } from '../../../../shared/permit/schema/record'
import { DEFAULT_PERMIT_SETTINGS, workHoursLabel, yuan } from '../../../../shared/permit/settings'
import { A4_PORTRAIT, fieldTable, footerWithPageNumbers, pageSettings } from '../../print/layout'
import {
  approvalsTable,
  CELL,
  compactTable,
  one,
  sized,
  assertPrintable,
  bigHeader,
  muted,
  reprintContent,
  stampAndQr,
  validityBanner,
  validityText,
  type PermitPrintOptions,
  type PermitSite,
  fitSize,
  footerNote,
} from './common'

/**
 * 装修许可证: A4 portrait, posted on the door of the unit under renovation. The unit and the period are
 * readable from across the landing; the lead's phone is printed whole (the neighbours' contact), no ID
 * number is.
 */
export function buildRenovationPermit(
  site: PermitSite,
  record: PermitRecordOf<'renovation'>,
  opts: PermitPrintOptions,
): TDocumentDefinitions {
  assertPrintable(record, opts)
  const f = record.fields
  const serial = record.serial!
  const extended = record.extendedFrom ? `已延期(原期限至 ${record.extendedFrom})` : undefined

  const notice: Content = {
    stack: [
      { text: '须知', bold: true, fontSize: 10, margin: [0, 0, 0, 2] },
      ...[
        '1. 本证须张贴于施工房屋户门外显著位置,以备查验。',
        '2. 装修人员凭《装修人员出入证》出入,证件有效期不超过装修期限。',
        '3. 装修期满未完工的,须在期满前办理装修延期手续。',
        '4. 动火作业须另行办理《动火许可证》;打墙、打孔等须办理增加项目申请。',
        '5. 施工时间以外不得进行产生噪音的作业。',
      ].map((t) => muted(t, 9)),
    ],
  }

  return {
    ...pageSettings(A4_PORTRAIT),
    info: { title: `装修许可证 ${serial}` },
    footer: footerWithPageNumbers(opts.printedAt, footerNote(site, '复印件存档')),
    content: [
      ...reprintContent(opts.reprintCount),
      bigHeader(site, '装修许可证', serial, 40, A4_PORTRAIT.contentWidth),
      { text: record.unitLabel, alignment: 'center', fontSize: fitSize(record.unitLabel, 500, 40, 24), bold: true, margin: [0, 4, 0, 10] },
      validityBanner('装修期限', validityText(record), 32, extended),
      { text: '', margin: [0, 0, 0, 4] },
      sized(compactTable(fieldTable(
        [
          ['装修单位', one(f.contractorName, CELL.a4Full, 11.5), 'full'],
          ['装修负责人', one(f.leadName, CELL.a4Half, 11.5)],
          ['负责人电话', one(f.leadPhone, CELL.a4Half, 11.5)],
          ['资质/执照号', one(f.contractorLicense ?? '', CELL.a4Half, 11.5)],
          ['施工人数', f.workerCount ? `${f.workerCount} 人` : ''],
          ['申请人', one(record.applicant.name, CELL.a4Half, 11.5)],
          ['装修押金', yuan(f.depositFen)],
          ['批准日期', record.reviews.at(-1)?.at.slice(0, 10) ?? ''],
          ['施工时间', { text: workHoursLabel(site.settings?.workHours ?? DEFAULT_PERMIT_SETTINGS.workHours), bold: true }, 'full'],
          ['装修内容', f.works, 'full'],
        ],
        2,
      ), 3), 11.5),
      { text: '', margin: [0, 0, 0, 4] },
      approvalsTable(record, 10.5),
      { text: '', margin: [0, 0, 0, 6] },
      stampAndQr(notice, opts.qrPayload, serial, 38, 96),
    ],
  }
}
