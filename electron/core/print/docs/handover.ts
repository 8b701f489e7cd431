import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import { HANDOVER_KIND_LABELS } from '../../../../shared/duty/handoverRules'
import { LOG_KIND_LABELS, LOG_STATUS_LABELS, type LogKind, type LogStatus } from '../../../../shared/duty/kinds'
import type { CountLine, HandoverView } from '../../../../shared/duty/handoverSchema'
import { localDateTime, localTime } from '../../../../shared/time/zone'
import { overdueText } from '../../../../shared/keys/rules'
import { ROLE_LABELS } from '../../../../shared/roles'
import { rule } from '../../errors'
import { A4_PORTRAIT, docHeader, fieldTable, footerWithPageNumbers, pageSettings, tamperWarning } from '../layout'
import { registerTable, sectionTitle } from './table'

const amount = (c: CountLine, v: number | null) => (v === null ? '' : c.unit === 'fen' ? `${(v / 100).toFixed(2)} 元` : String(v))
const RED = { color: '#c00000', bold: true }
const MUTED = '#555555'
const SUPERVISOR = ROLE_LABELS.supervisor

/**
 * One signature box: who, how they confirmed (PIN, time), the drawn signature when the site uses
 * them, and blank room (~14 mm) to sign by hand on the paper copy, with a date line.
 */
function signBox(title: string, who: string | null, confirmed: string | null, drawn: string | null): TableCell {
  return {
    stack: [
      { text: [{ text: `${title}:`, bold: true }, who ?? ''], fontSize: 9.5 },
      { text: confirmed ?? ' ', fontSize: 8, color: MUTED },
      drawn ? { image: drawn, fit: [130, 30] as [number, number], margin: [0, 2, 0, 0] } : { text: '' },
      { text: '手写签名:', fontSize: 8.5, color: MUTED, margin: [0, drawn ? 2 : 6, 0, 24] },
      { text: '日期:        年    月    日', fontSize: 8.5, color: MUTED, preserveLeadingSpaces: true },
    ],
  }
}

/** The 主管审阅 box: the supervisor reads the record and signs it off by hand. */
function reviewBox(): TableCell {
  return {
    stack: [
      { text: `${SUPERVISOR}审阅`, bold: true, fontSize: 9.5 },
      { text: '审阅意见:', fontSize: 8.5, color: MUTED, margin: [0, 2, 0, 22] },
      { text: `${SUPERVISOR}签名:`, fontSize: 8.5, color: MUTED, margin: [0, 0, 0, 14] },
      { text: '日期:        年    月    日', fontSize: 8.5, color: MUTED, preserveLeadingSpaces: true },
    ],
  }
}

const signLayout = {
  hLineWidth: () => 0.6,
  vLineWidth: () => 0.6,
  hLineColor: () => '#333333',
  vLineColor: () => '#333333',
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 4,
  paddingBottom: () => 4,
}

const LAST_SECTION = 'last-section'
const SIGN = 'signatures'

/**
 * The signatures never stand alone on a last page: when they do not fit under the last section,
 * that section goes over with them (a page ends a little early instead of a near-empty page).
 */
const keepSignaturesWithTheLastSection: NonNullable<TDocumentDefinitions['pageBreakBefore']> = (node, nodes) => {
  if (node.id !== LAST_SECTION) return false
  // Whatever follows the last section (its tables, the signatures) going over to the next page means
  // the signatures went over: the signature block is unbreakable, and when it does not fit pdfmake
  // moves it whole but reports the block itself on this page — only its contents show up on the next.
  return nodes.getNodesOnNextPage().length > 0 && nodes.getPreviousNodesOnPage().length > 0
}

/** The desk checklist two items to a row, so it takes half the height; notes of 不符合 printed with them. */
function checklistTable(v: HandoverView): Content {
  const cells = v.checklist.map((c): TableCell[] => [
    { text: c.note ? `${c.name}(${c.note})` : c.name },
    c.ok === null ? '未检查' : c.ok ? '符合' : { text: '不符合', ...RED },
  ])
  const rows: TableCell[][] = []
  for (let i = 0; i < cells.length; i += 2) rows.push([...cells[i], ...(cells[i + 1] ?? ['', ''])])
  return registerTable(['检查项', '结果', '检查项', '结果'], ['*', 40, '*', 40], rows)
}

/**
 * Under the counts: the key loans overdue at the handover, each acknowledged by the incoming clerk
 * (part of section 四: the key board is one of the desk's items).
 */
function overdueKeysTable(v: HandoverView, tz: string): Content {
  const who = v.kind === 'dayClose' ? '次日接收人' : '接班人'
  if (!v.overdueKeys.length) return { text: `逾期未还钥匙:无`, fontSize: 9, margin: [0, 0, 0, 4] }
  return {
    stack: [
      { text: `逾期未还钥匙(${v.overdueKeys.length} 把,${who}逐把确认)`, bold: true, fontSize: 9, margin: [0, 0, 0, 0] },
      registerTable(
        ['钥匙', '借用人及事由', '借出 → 应还', '逾期', `${who}确认`],
        [120, '*', 112, 50, 72],
        v.overdueKeys.map((k) => [
          `${k.tagNo}号 ${k.keyName}${k.hook ? `(${k.hook})` : ''}`,
          `${k.borrowerName}${k.company ? `(${k.company})` : ''}:${k.purpose}`,
          { text: [localDateTime(k.lentAt, tz).slice(5), ' → ', { text: localDateTime(k.dueAt, tz).slice(5), ...RED }] },
          { text: overdueText(k.overdueMinutes), ...RED },
          k.ack ? `已确认 ${localTime(k.ack.at, tz)}${k.ack.note ? `\n${k.ack.note}` : ''}` : { text: '未确认', ...RED },
        ]),
      ),
    ],
  }
}

/**
 * 交接班记录表 (A4): the kind (交接班 / 闭店交接) and whether the desk's items passed, both names
 * and shifts, the shift's log, the open items handed over and their acknowledgement, the desk
 * check and the counts (with custody), differences in red; then signature boxes with room for
 * handwritten signatures and a 主管审阅 box. Compact tables so a normal shift fills one page.
 */
export function handoverDoc(site: { name: string; office: string; timeZone: string; phone?: string }, v: HandoverView, printedAt: Date): TDocumentDefinitions {
  if (v.status === 'draft') throw rule('交接尚未签名,不能打印交接班记录表', 'id')
  const tz = site.timeZone
  const at = (iso: string) => localDateTime(iso, tz)
  const closeDay = v.kind === 'dayClose'
  const byKind = (Object.entries(v.summary.byKind) as Array<[LogKind, number]>).map(([k, n]) => `${LOG_KIND_LABELS[k]} ${n}`).join(',')
  const byState = (Object.entries(v.summary.byState) as Array<[LogStatus, number]>).map(([s, n]) => `${LOG_STATUS_LABELS[s]} ${n}`).join(',')
  const diffs = v.counts.filter((c) => c.difference)
  const inc = v.incoming
  const incomingText = inc
    ? `${inc.name}${inc.onDuty ? '(在岗接班)' : ''}${inc.rostered ? '' : `(非排班,${inc.overrideByName}授权:${inc.overrideReason})`}`
    : '待次日第一位值班员接收'
  const content: Content[] = [
    docHeader({
      siteName: site.name,
      office: site.office,
      title: '交接班记录表',
      subtitle: `${HANDOVER_KIND_LABELS[v.kind]} · ${v.custody ? '含前台物品保管' : '只移交待跟进事项(未保管前台物品)'}`,
      serial: v.seq ? `JJ-${v.no!.replace(/\d+$/, (n) => n.padStart(6, '0'))}` : '待接收后编号',
      phone: site.phone,
    }),
    ...(v.integrity && !v.integrity.ok ? [tamperWarning('交接记录', v.integrity.reason)] : []),
    fieldTable(
      [
        [closeDay ? '闭店人' : '交班人', v.outgoing.name],
        ['交班班次', `${v.outgoingShift.date} ${v.outgoingShift.shiftName}(${localTime(v.outgoingShift.startsAt, tz)}–${localTime(v.outgoingShift.endsAt, tz)})`],
        [closeDay ? '次日接收人' : '接班人', incomingText],
        ['接班班次', inc ? `${inc.date} ${inc.shiftName}(${localTime(inc.startsAt, tz)}–${localTime(inc.endsAt, tz)})` : '—'],
        [closeDay ? '闭店签名' : '开始交接', closeDay ? (v.closedAt ? at(v.closedAt) : '') : at(v.startedAt)],
        [closeDay ? '接收签名' : '签名完成', v.signedAt ? at(v.signedAt) : '—'],
        ['本班记录', `共 ${v.summary.total} 条${byKind ? `:${byKind}` : ''}${byState ? `;${byState}` : ''}`, 'full'],
      ],
      2,
    ),
    sectionTitle(`一、本班值班记录(${v.summary.entries.length} 条)`),
    v.summary.entries.length
      ? registerTable(
          ['时间', '类型', '房屋', '内容', '处理措施', '状态'],
          [28, 36, 58, '*', 130, 36],
          v.summary.entries.map((e) => [localTime(e.at, tz), LOG_KIND_LABELS[e.kind], e.unitLabel ?? '', e.content, e.action ?? '', LOG_STATUS_LABELS[e.state]]),
        )
      : { text: '本班无记录', fontSize: 9, margin: [0, 0, 0, 4] },
    sectionTitle(`二、移交的待跟进事项(${v.pending.length} 项,接班人逐项确认)`),
    v.pending.length
      ? registerTable(
          ['登记', '内容', '状态', '接班确认', '询问与答复'],
          [64, '*', 36, 58, 140],
          v.pending.map((p) => [
            `${p.entry.shiftDate.slice(5)} ${p.entry.recordedByName}`,
            `${p.entry.unitLabel ? p.entry.unitLabel + ' ' : ''}${p.entry.content}`,
            LOG_STATUS_LABELS[p.entry.state],
            p.ack ? `已确认 ${localTime(p.ack.at, tz)}` : '未确认',
            p.questions.map((q) => `问:${q.question}${q.answer ? ` 答:${q.answer}` : ''}`).join('\n'),
          ]),
        )
      : { text: '无', fontSize: 9, margin: [0, 0, 0, 4] },
  ]
  if (v.custody) {
    content.push(
      sectionTitle(closeDay ? '三、前台环境检查(闭店人检查)' : '三、前台环境检查'),
      checklistTable(v),
      { ...(sectionTitle(`四、清点交接物品${diffs.length ? `(${diffs.length} 项差异,已上报${SUPERVISOR})` : ''}`) as object), id: LAST_SECTION } as Content,
      registerTable(
        ['物品', '应有', closeDay ? '闭店清点' : '交班清点', closeDay ? '次日清点' : '接班清点', '差异说明'],
        [150, 48, 50, 50, '*'],
        v.counts.map((c) => {
          const red = c.difference ? RED : {}
          const detail = c.detail ? { text: `  ${c.detail}`, fontSize: 7, color: MUTED } : ''
          return [
            // Computed lines (custodyFromRecords): marked on the same line, so the table keeps one line a row.
            c.fromRecords ? { text: [{ text: c.name, ...red }, { text: ' 来自登记记录', fontSize: 7, color: MUTED }] } : { text: c.name, ...red },
            amount(c, c.expected),
            { text: amount(c, c.outgoing), ...red },
            { text: amount(c, c.incoming), ...red },
            { text: [{ text: c.difference ? `有差异:${c.explanation ?? ''}` : c.incoming === null ? '' : '一致', ...red }, detail] },
          ]
        }),
      ),
    )
    content.push(overdueKeysTable(v, tz))
  } else {
    content.push({ text: '三、交班人未保管前台物品:本次不清点物品、不做前台环境检查(由保管人交接)。', fontSize: 9, margin: [0, 6, 0, 2], id: LAST_SECTION })
  }
  content.push({
    id: SIGN,
    unbreakable: true,
    stack: [
      sectionTitle(v.custody ? '五、签名' : '四、签名'),
      {
        table: {
          widths: ['*', '*', '*'],
          body: [
            [
              signBox(closeDay ? '闭店人' : '交班人', `${v.outgoing.name}(${v.outgoing.staffNo})`, v.closedAt || v.signedAt ? `已输入本人PIN确认 ${at((v.closedAt ?? v.signedAt)!)}` : null, v.signatures.outgoing),
              signBox(closeDay ? '次日接收人' : '接班人', inc ? `${inc.name}(${inc.staffNo})` : null, v.signedAt ? `已输入本人PIN确认 ${at(v.signedAt)}` : '待接收', v.signatures.incoming),
              reviewBox(),
            ],
          ],
          dontBreakRows: true,
        },
        layout: signLayout,
      },
    ],
  } as Content)
  return {
    ...pageSettings(A4_PORTRAIT),
    info: { title: `交接班记录表 ${v.outgoingShift.date} ${v.outgoingShift.shiftName}` },
    footer: footerWithPageNumbers(localDateTime(printedAt, tz), v.integrity && !v.integrity.ok ? '校验不符,非有效记录' : v.hash ? `记录校验码 ${v.hash.slice(0, 16)}` : '闭店交接待次日接收,尚未封存'),
    content,
    defaultStyle: { fontSize: 9 },
    pageBreakBefore: keepSignaturesWithTheLastSection,
  }
}
