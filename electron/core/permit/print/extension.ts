import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import type { PermitRecordOf } from '../../../../shared/permit/schema/record'
import { addDays } from '../../../../shared/time/calendar'
import { yuan } from '../../../../shared/permit/settings'
import { a5ApprovalForm, applicantLine, CELL, one, type PermitPrintOptions, type PermitSite } from './common'

/** 装修延期审批单 (A5): the new end date in large type; the worker passes are re-issued, not altered. */
export function buildExtensionForm(site: PermitSite, record: PermitRecordOf<'extension'>, opts: PermitPrintOptions): TDocumentDefinitions {
  const f = record.fields
  return a5ApprovalForm(site, record, opts, {
    title: '装修延期审批单',
    banner: { label: '装修期限延至', value: f.newEndDate, note: `延期期间 ${record.validFrom} 至 ${record.validUntil}` },
    rows: [
      ['房号', one(record.unitLabel, CELL.a5Half, 10)],
      ['装修许可证', f.renovationSerial],
      ['原期限至', addDays(record.validFrom, -1)],
      ['延期费用', f.feeFen !== undefined ? yuan(f.feeFen) : '无'],
      ['申请人', one(applicantLine(record), CELL.a5Full, 10), 'full'],
      ['延期原因', f.reason, 'full'],
    ],
    bottomNote: '延期后装修人员出入证须重新办理,不得涂改原证日期。',
  })
}
