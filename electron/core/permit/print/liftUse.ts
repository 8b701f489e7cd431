import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { LIFT_USES, LIFT_USE_LABELS } from '../../../../shared/permit/kinds'
import type { PermitRecordOf } from '../../../../shared/permit/schema/record'
import { a5ApprovalForm, applicantLine, CELL, one, checkItem, muted, validityText, type PermitPrintOptions, type PermitSite } from './common'

/** 使用楼梯/电梯审批单 (A5): the time window in large type, the undertaking; taken to the lobby desk. */
export function buildLiftUseForm(site: PermitSite, record: PermitRecordOf<'liftUse'>, opts: PermitPrintOptions): TDocumentDefinitions {
  const f = record.fields
  return a5ApprovalForm(site, record, opts, {
    title: '使用楼梯/电梯审批单',
    banner: { label: '使用时间(仅限此时段)', value: validityText(record) },
    rows: [
      ['房号', one(record.unitLabel, CELL.a5Half, 10)],
      ['位置', one(f.liftName ?? '', CELL.a5Half, 10)],
      ['申请人', one(applicantLine(record), CELL.a5Full, 10), 'full'],
      [
        '使用类别',
        { columns: LIFT_USES.map((u) => ({ width: 62, stack: [checkItem(f.use === u, LIFT_USE_LABELS[u], 9.5)] })), columnGap: 6 },
        'full',
      ],
      ['搬运物品', f.goods, 'full'],
    ],
    extra: [
      {
        stack: [
          { text: '承诺', bold: true, fontSize: 9.5 },
          muted('本人保证按批准的时段使用,做好轿厢及楼道保护,搬运完毕即清理现场;造成损坏的照价赔偿。', 8.5),
        ],
        margin: [0, 0, 0, 6],
      },
    ],
    bottomNote: '请持本单到大堂助理处登记。',
  })
}
