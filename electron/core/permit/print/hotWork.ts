import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import { HOT_WORK_LEVEL_LABELS, HOT_WORK_METHOD_LABELS, HOT_WORK_PRECAUTIONS } from '../../../../shared/permit/kinds'
import type { PermitRecordOf } from '../../../../shared/permit/schema/record'
import { A4_PORTRAIT, fieldTable, footerWithPageNumbers, pageSettings } from '../../print/layout'
import {
  ACCENT,
  applicantLine,
  approvalsTable,
  assertPrintable,
  bigHeader,
  boxLayout,
  checkItem,
  maskedId,
  maskPhone,
  muted,
  reprintContent,
  CELL,
  compactTable,
  one,
  sized,
  stampAndQr,
  validityText,
  type PermitPrintOptions,
  type PermitSite,
  footerNote,
} from './common'

/**
 * 动火许可证: A4 portrait. Printed only after the engineering supervisor, the safety supervisor and the
 * director have all approved (canPrint); shows the three approvals, the level and the time window in
 * large type, the welder, the fire watcher and the GB 30871-style checklist as ticked.
 */
export function buildHotWorkPermit(site: PermitSite, record: PermitRecordOf<'hotWork'>, opts: PermitPrintOptions): TDocumentDefinitions {
  assertPrintable(record, opts)
  const f = record.fields
  const serial = record.serial!
  const ticked = new Set<string>(f.precautions)

  const levelAndWindow: Content = {
    table: {
      widths: ['auto', '*'],
      body: [
        [
          {
            stack: [muted('动火等级', 9), { text: HOT_WORK_LEVEL_LABELS[f.level], fontSize: 22, bold: true }],
            alignment: 'center',
          },
          {
            stack: [muted('动火时间(仅限此时段)', 9), { text: validityText(record), fontSize: 22, bold: true, color: ACCENT }],
            alignment: 'center',
          },
        ],
      ],
    },
    layout: boxLayout(1.4, 5),
    margin: [0, 0, 0, 8],
  }

  const items = HOT_WORK_PRECAUTIONS.map((p) => checkItem(ticked.has(p.code), p.label, 9.5))
  const half = Math.ceil(items.length / 2)
  const checklist: Content = {
    stack: [
      { text: '安全措施确认', bold: true, fontSize: 10.5, margin: [0, 0, 0, 3] },
      { columns: [{ width: '*', stack: items.slice(0, half) }, { width: '*', stack: items.slice(half) }], columnGap: 12 },
    ],
    margin: [0, 0, 0, 8],
  }

  return {
    ...pageSettings(A4_PORTRAIT),
    info: { title: `动火许可证 ${serial}` },
    footer: footerWithPageNumbers(opts.printedAt, footerNote(site, '附:焊工证、身份证复印件 · 复印件存档')),
    content: [
      ...reprintContent(opts.reprintCount),
      bigHeader(site, '动火许可证', serial, 30, A4_PORTRAIT.contentWidth),
      levelAndWindow,
      sized(
        compactTable(fieldTable(
          [
            ['房号', one(record.unitLabel, CELL.a4Half, 10.5)],
            ['动火方式', HOT_WORK_METHOD_LABELS[f.method]],
            ['动火地点', f.place, 'full'],
            ['动火作业内容', f.content, 'full'],
            ['申请人', one(applicantLine(record), CELL.a4Full, 10.5), 'full'],
            ['动火人', one(f.welderName, CELL.a4Half, 10.5)],
            ['身份证号', maskedId(f.welderIdNumber)],
            ['焊工证号', one(f.welderCertNo, CELL.a4Half, 10.5)],
            ['灭火器', `${f.extinguisherCount} 具`],
            ['监火人', one(f.fireWatcherName, CELL.a4Half, 10.5)],
            ['监火人电话', one(f.fireWatcherPhone ? maskPhone(f.fireWatcherPhone) : '', CELL.a4Half, 10.5)],
            ['气体检测', f.gasTestResult ?? '不涉及', 'full'],
          ],
          2,
        ), 3),
        10.5,
      ),
      checklist,
      approvalsTable(record, 10),
      stampAndQr(
        {
          stack: [
            {
              columns: ['动火人签字:', '监火人签字:', '申请人签字:'].map((t) => ({ text: t, fontSize: 9.5, bold: true })),
              columnGap: 6,
              margin: [0, 2, 0, 30],
            },
            { text: '注意', bold: true, fontSize: 10, margin: [0, 0, 0, 2] },
            muted('1. 本证仅限上述地点、时段和作业内容使用,不得转借、涂改。', 9),
            muted('2. 动火期间监火人不得离开现场;发现异常立即停止动火。', 9),
            muted('3. 动火结束后清理现场、确认无遗留火种,并将本证交回管理处。', 9),
          ],
        },
        opts.qrPayload,
        serial,
        38,
        84,
      ),
    ],
  }
}
