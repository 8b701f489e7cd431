import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import { LOG_KIND_LABELS, LOG_STATUS_LABELS, type LogKind, type LogStatus } from '../../../../shared/duty/kinds'
import type { CountLine, HandoverView } from '../../../../shared/duty/handoverSchema'
import { localDateTime, localTime } from '../../../../shared/duty/time'
import { A4_PORTRAIT, docHeader, fieldTable, footerWithPageNumbers, pageSettings } from '../layout'
import { registerTable, sectionTitle } from './table'

const amount = (c: CountLine, v: number | null) => (v === null ? '' : c.unit === 'fen' ? `${(v / 100).toFixed(2)} 元` : String(v))

/** One side's signature: name, the drawn signature when the site uses them, and the PIN confirmation. */
function signCell(who: string, drawn: string | null, when: string): Content {
  return {
    stack: [
      { text: who, bold: true },
      ...(drawn ? [{ image: drawn, fit: [150, 45] as [number, number], margin: [0, 2, 0, 2] as [number, number, number, number] }] : []),
      { text: `已输入本人PIN确认 ${when}`, fontSize: 8.5, color: '#555555' },
    ],
    margin: [4, 6, 4, 6],
  }
}

/**
 * 交接班记录表 (A4): both names and times, the shift's log summary, carried items and their
 * acknowledgement, the desk check, the counts with differences in red, and both (PIN) signatures.
 */
export function handoverDoc(site: { name: string; office: string; timeZone: string }, v: HandoverView, printedAt: Date): TDocumentDefinitions {
  if (v.status !== 'signed' || !v.incoming || !v.signedAt) throw new Error('交接尚未双方签名,不能打印交接班记录表')
  const tz = site.timeZone
  const at = (iso: string) => localDateTime(iso, tz)
  const byKind = (Object.entries(v.summary.byKind) as Array<[LogKind, number]>).map(([k, n]) => `${LOG_KIND_LABELS[k]} ${n}`).join(',')
  const byState = (Object.entries(v.summary.byState) as Array<[LogStatus, number]>).map(([s, n]) => `${LOG_STATUS_LABELS[s]} ${n}`).join(',')
  const diffs = v.counts.filter((c) => c.difference)
  const content: Content[] = [
    docHeader({ siteName: site.name, office: site.office, title: '交接班记录表', serial: `JJ-${String(v.seq ?? 0).padStart(6, '0')}` }),
    fieldTable(
      [
        ['交班人', v.outgoing.name],
        ['交班班次', `${v.outgoingShift.date} ${v.outgoingShift.shiftName}(${localTime(v.outgoingShift.startsAt, tz)}–${localTime(v.outgoingShift.endsAt, tz)})`],
        ['接班人', v.incoming.name + (v.incoming.rostered ? '' : `(非排班,${v.incoming.overrideByName}授权:${v.incoming.overrideReason})`)],
        ['接班班次', `${v.incoming.date} ${v.incoming.shiftName}(${localTime(v.incoming.startsAt, tz)}–${localTime(v.incoming.endsAt, tz)})`],
        ['开始交接', at(v.startedAt)],
        ['签名完成', at(v.signedAt)],
        ['本班记录', `共 ${v.summary.total} 条${byKind ? `:${byKind}` : ''}${byState ? `;${byState}` : ''}`, 'full'],
      ],
      2,
    ),
    sectionTitle(`一、本班值班记录(${v.summary.entries.length} 条)`),
    v.summary.entries.length
      ? registerTable(
          ['时间', '类型', '房屋', '内容', '处理措施', '状态'],
          [30, 40, 62, '*', '*', 40],
          v.summary.entries.map((e) => [localTime(e.at, tz), LOG_KIND_LABELS[e.kind], e.unitLabel ?? '', e.content, e.action ?? '', LOG_STATUS_LABELS[e.state]]),
        )
      : { text: '本班无记录', fontSize: 9, margin: [0, 0, 0, 4] },
    sectionTitle(`二、移交的待跟进事项(${v.pending.length} 项,接班人逐项确认)`),
    v.pending.length
      ? registerTable(
          ['登记', '内容', '状态', '接班确认', '询问与答复'],
          [70, '*', 40, 58, 150],
          v.pending.map((p) => [
            `${p.entry.shiftDate.slice(5)} ${p.entry.recordedByName}`,
            `${p.entry.unitLabel ? p.entry.unitLabel + ' ' : ''}${p.entry.content}`,
            LOG_STATUS_LABELS[p.entry.state],
            p.ack ? `已确认 ${localTime(p.ack.at, tz)}` : '未确认',
            p.questions.map((q) => `问:${q.question}${q.answer ? ` 答:${q.answer}` : ''}`).join('\n'),
          ]),
        )
      : { text: '无', fontSize: 9, margin: [0, 0, 0, 4] },
    sectionTitle('三、前台环境检查'),
    registerTable(
      ['检查项', '结果', '说明'],
      ['*', 50, 180],
      v.checklist.map((c) => [c.name, c.ok === null ? '未检查' : c.ok ? '符合' : { text: '不符合', color: '#c00000', bold: true }, c.note ?? '']),
    ),
    sectionTitle(`四、清点交接物品${diffs.length ? `(${diffs.length} 项差异,已上报客服主管)` : ''}`),
    registerTable(
      ['物品', '应有', '交班清点', '接班清点', '差异说明'],
      [80, 60, 60, 60, '*'],
      v.counts.map((c) => {
        const red = c.difference ? { color: '#c00000', bold: true } : {}
        return [
          { text: c.name, ...red },
          amount(c, c.expected),
          { text: amount(c, c.outgoing), ...red },
          { text: amount(c, c.incoming), ...red },
          { text: c.difference ? `有差异:${c.explanation ?? ''}` : '一致', ...red },
        ]
      }),
    ),
    sectionTitle('五、签名'),
    {
      table: {
        widths: ['*', '*'],
        body: [
          [
            signCell(`交班人:${v.outgoing.name}(${v.outgoing.staffNo})`, v.signatures.outgoing, at(v.signedAt)),
            signCell(`接班人:${v.incoming.name}(${v.incoming.staffNo})`, v.signatures.incoming, at(v.signedAt)),
          ],
        ],
        dontBreakRows: true,
      },
      unbreakable: true,
      fontSize: 10,
    },
  ]
  return {
    ...pageSettings(A4_PORTRAIT),
    info: { title: `交接班记录表 ${v.outgoingShift.date} ${v.outgoingShift.shiftName}` },
    footer: footerWithPageNumbers(localDateTime(printedAt, tz), v.hash ? `记录校验码 ${v.hash.slice(0, 16)}` : undefined),
    content,
    defaultStyle: { fontSize: 9.5 },
  }
}
