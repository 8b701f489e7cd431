import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { LOG_KIND_LABELS, LOG_STATUS_LABELS } from '../../../../shared/duty/kinds'
import type { DutyShiftRow, LogEntryRow } from '../../../../shared/duty/logSchema'
import { localDate, localDateTime, localTime } from '../../../../shared/time/zone'
import { ROLE_LABELS } from '../../../../shared/roles'
import { A4_LANDSCAPE, docHeader, footerWithPageNumbers, pageSettings, signatureRow, tamperWarning } from '../layout'
import { registerTable } from './table'

/**
 * 客户服务中心值班记录表 for one day (A4 landscape): every entry of the day's shifts in time order
 * (a day is a shift date: a night shift's entries after midnight show their calendar date), page
 * numbers, a signature box for each clerk who had a shift that day and one for the supervisor's review.
 */
export function dayLogDoc(
  site: { name: string; office: string; timeZone: string; phone?: string },
  date: string,
  shifts: DutyShiftRow[],
  entries: LogEntryRow[],
  printedAt: Date,
  /** Shifts whose signed handover fails its seal check: named in a red warning at the top. */
  broken: string[] = [],
): TDocumentDefinitions {
  const tz = site.timeZone
  shifts = [...shifts].sort((a, b) => a.startsAt.localeCompare(b.startsAt))
  const clerks = [...new Set(shifts.map((s) => `${s.shiftName}值班员:${s.staffName}`))]
  const time = (at: string) => (localDate(at, tz) === date ? localTime(at, tz) : `${localDate(at, tz).slice(5)} ${localTime(at, tz)}`)
  return {
    ...pageSettings(A4_LANDSCAPE),
    info: { title: `值班记录表 ${date}` },
    footer: footerWithPageNumbers(localDateTime(printedAt, tz), '值班记录仅限内部工作人员翻阅使用'),
    defaultStyle: { fontSize: 9 },
    content: [
      docHeader({ siteName: site.name, office: site.office, phone: site.phone, title: '客户服务中心值班记录表', subtitle: `${date} · 共 ${entries.length} 条 · 班次:${shifts.map((s) => `${s.shiftName}(${s.staffName})`).join('、') || '无'}` }),
      ...(broken.length ? [tamperWarning(`${broken.join('、')}的交接`, null)] : []),
      entries.length
        ? registerTable(
            ['时间', '班次', '类型', '房屋', '人员', '内容', '处理措施', '转交', '状态', '记录人'],
            [40, 34, 40, 66, 44, '*', '*', 56, 40, 40],
            entries.map((e) => [
              time(e.at),
              e.shiftName,
              LOG_KIND_LABELS[e.kind],
              e.unitLabel ?? '',
              e.person ?? '',
              (e.correctsId ? '【更正】' : '') + e.content + (e.correctionReason ? `(更正原因:${e.correctionReason})` : ''),
              e.action ?? '',
              e.passedTo ?? '',
              LOG_STATUS_LABELS[e.state],
              e.recordedByName,
            ]),
          )
        : { text: '当日没有值班记录', margin: [0, 8, 0, 8] },
      signatureRow([...(clerks.length ? clerks : ['值班员']), `${ROLE_LABELS.supervisor}审阅`]),
    ],
  }
}
