import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { ADDITIONAL_WORK_ITEMS, ADDITIONAL_WORK_ITEM_LABELS } from '../../../../shared/permit/kinds'
import type { PermitRecordOf } from '../../../../shared/permit/schema/record'
import { a5ApprovalForm, applicantLine, CELL, one, checkItem, validityText, type PermitPrintOptions, type PermitSite } from './common'

/** 增加项目审批单 (A5): the works ticked, where, by whom, the dates in large type. */
export function buildAdditionalWorksForm(
  site: PermitSite,
  record: PermitRecordOf<'additionalWorks'>,
  opts: PermitPrintOptions,
): TDocumentDefinitions {
  const f = record.fields
  const chosen = new Set<string>(f.items)
  return a5ApprovalForm(site, record, opts, {
    title: '增加项目审批单',
    banner: { label: '施工日期', value: validityText(record) },
    rows: [
      ['房号', one(record.unitLabel, CELL.a5Full, 10), 'full'],
      ['申请人', one(applicantLine(record), CELL.a5Full, 10), 'full'],
      [
        '增加项目',
        {
          columns: [0, 1, 2].map((c) => ({
            width: '*',
            stack: ADDITIONAL_WORK_ITEMS.filter((_, i) => i % 3 === c).map((k) => checkItem(chosen.has(k), ADDITIONAL_WORK_ITEM_LABELS[k], 9)),
          })),
          columnGap: 4,
        },
        'full',
      ],
      ['施工部位', one(f.location, CELL.a5Half, 10)],
      ['施工单位', one(f.contractorName ?? '', CELL.a5Half, 10)],
      ['施工说明', f.description, 'full'],
    ],
    bottomNote: '施工不得损坏承重结构及公共设施。',
  })
}
