import { CopyOutlined, LeftOutlined, PrinterOutlined, RightOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, DatePicker, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd'
import dayjs from 'dayjs'
import { memo, useCallback, useMemo, useState } from 'react'
import { MAKES_ROSTER } from '../../../shared/duty/kinds'
import type { RosterView } from '../../../shared/duty/rosterSchema'
import { addMonthsToMonth, monthOfDate } from '../../../shared/time/calendar'
import { localDateTime } from '../../../shared/time/zone'
import type { ShiftPattern } from '../../../shared/site/schema'
import type { SessionInfo } from '../../../shared/staff/schema'
import { coreNow } from '../api/useCoreNow'
import { useDesk, useDeskMutation } from '../api/hooks'
import type { DeskCallError } from '../api/transport'
import { go, useRoute } from '../router'
import { printRoster } from './download'
import { BADGE_COLORS, cellMarks, dateLabel, defaultRosterMonth, isMonth, isWeekend, shiftTitle, shortShiftNames, siteToday, weekdayOf, type CellMark } from './rosterText'
import './roster.css'

/** Light tints per pattern, in the order of the site's settings (早/中/晚/夜 …). */
const TINTS = ['#e6f4ff', '#f6ffed', '#fff7e6', '#f9f0ff', '#e6fffb', '#fffbe6', '#fff0f6']

/** Column widths (px): 92 + 31 × 30 + 44 fits the content area of a 1366-px screen. */
const NAME_W = 92
const DAY_W = 30
const TOTAL_W = 44

const key = (staffId: string, date: string) => `${staffId}|${date}`

/**
 * 排班表: staff × the month's days, one shift (or 休) a cell. 客服管理员/客服主管 draft it and publish it
 * by the 25th for next month; a published month is read-only and changes only through approved
 * 请假/调休/替班/换班, which the grid marks. The month is in the route: #/roster/2026-12.
 */
export function RosterPage({ me }: { me: SessionInfo }) {
  const site = useDesk('site.get', {})
  const route = useRoute()
  const today = siteToday(coreNow(), site.data?.timeZone)
  const month = isMonth(route[1]) ? route[1] : defaultRosterMonth(today)
  return <RosterMonth key={month} month={month} today={today} timeZone={site.data?.timeZone} me={me} />
}

function RosterMonth({ month, today, timeZone, me }: { month: string; today: string; timeZone?: string; me: SessionInfo }) {
  const qc = useQueryClient()
  const { modal, message } = App.useApp()
  const view = useDesk('roster.get', { month })
  /** Cells changed on screen and not saved yet: key → shift code ('' = 休). */
  const [edits, setEdits] = useState<Map<string, string>>(() => new Map())
  const [printing, setPrinting] = useState(false)
  const saved = (v: RosterView) => {
    qc.setQueryData(['roster.get', { month }], v)
    setEdits(new Map())
  }
  const save = useDeskMutation('roster.saveDraft', { success: '排班表草稿已保存', onSuccess: saved })
  const copy = useDeskMutation('roster.copyPrevious', { success: `已复制 ${addMonthsToMonth(month, -1)} 的排班,请检查后保存或发布`, onSuccess: saved })
  const publish = useDeskMutation('roster.publish', { success: `${month} 排班表已发布`, onSuccess: saved })

  const v = view.data
  const base = useMemo(() => new Map((v?.slots ?? []).map((s) => [key(s.staffId, s.date), s.shiftCode])), [v])
  const codeAt = (k: string) => (edits.has(k) ? edits.get(k)! : (base.get(k) ?? ''))
  const onChange = useCallback(
    (k: string, code: string) =>
      setEdits((prev) => {
        const next = new Map(prev)
        if ((base.get(k) ?? '') === code) next.delete(k)
        else next.set(k, code)
        return next
      }),
    [base],
  )
  const shorts = useMemo(() => shortShiftNames(v?.shifts ?? []), [v])
  const tints = useMemo(() => new Map((v?.shifts ?? []).map((p, i) => [p.code, TINTS[i % TINTS.length]])), [v])
  const marks = useMemo(() => cellMarks(v?.slots ?? [], v?.changes ?? []), [v])

  if (!v) return <Card title="排班表">{view.error ? <Alert type="error" showIcon message={view.error.message} /> : <Spin />}</Card>

  const canMake = me.staff.roles.some((r) => MAKES_ROSTER.includes(r))
  const past = month < monthOfDate(today)
  const editable = canMake && v.status !== 'published' && !past
  const dirty = edits.size > 0
  const cells = v.staff.flatMap((s) => v.dates.map((d) => ({ date: d, staffId: s.id, shiftCode: codeAt(key(s.id, d)) }))).filter((c) => c.shiftCode)
  const perDay = new Map<string, number>()
  for (const c of cells) perDay.set(c.date, (perDay.get(c.date) ?? 0) + 1)
  const emptyDays = v.dates.filter((d) => !perDay.get(d))

  const saveDraft = () => save.mutateAsync({ month, cells })
  const doCopy = () => {
    if (!cells.length) return copy.mutate({ month })
    modal.confirm({
      title: `复制 ${addMonthsToMonth(month, -1)} 的排班?`,
      content: `将按日期用上月排班替换 ${month} 的草稿${dirty ? ',未保存的修改会丢失' : ''}。`,
      okText: '复制',
      onOk: () => copy.mutateAsync({ month }).catch(() => undefined),
    })
  }
  const doPublish = () =>
    modal.confirm({
      title: `发布 ${month} 排班表?`,
      content: (
        <>
          <p>发布后排班表不能再修改;变更只能通过请假/调休/替班/换班,由客服主管审批。</p>
          {emptyDays.length > 0 && <p style={{ color: '#d46b08' }}>注意:有 {emptyDays.length} 天无人值班。</p>}
          {dirty && <p>未保存的修改会先保存为草稿。</p>}
        </>
      ),
      okText: '发布',
      onOk: async () => {
        try {
          if (dirty) await saveDraft()
          await publish.mutateAsync({ month })
        } catch {
          // the message is already shown
        }
      },
    })
  const doPrint = async () => {
    setPrinting(true)
    try {
      const r = await printRoster(month)
      void message.success(`已生成 ${r.fileName}`)
    } catch (e) {
      void message.error((e as DeskCallError).message)
    } finally {
      setPrinting(false)
    }
  }

  const status =
    v.status === 'published' ? (
      <Space size={4}>
        <Tag color="green">已发布</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {v.publishedByName} · {v.publishedAt ? (timeZone ? localDateTime(v.publishedAt, timeZone) : dayjs(v.publishedAt).format('YYYY-MM-DD HH:mm')) : ''}
        </Typography.Text>
      </Space>
    ) : v.status === 'draft' ? (
      <Tag color="orange">草稿</Tag>
    ) : (
      <Tag>未排</Tag>
    )

  return (
    <Card
      size="small"
      data-testid="roster-page"
      title={
        <Space size="middle" wrap>
          <span>排班表</span>
          <Space.Compact>
            <Button icon={<LeftOutlined />} onClick={() => go(`/roster/${addMonthsToMonth(month, -1)}`)} aria-label="上一月" />
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(month + '-01')}
              format="YYYY年MM月"
              onChange={(d) => d && go(`/roster/${d.format('YYYY-MM')}`)}
              style={{ width: 130 }}
              data-testid="roster-month"
            />
            <Button icon={<RightOutlined />} onClick={() => go(`/roster/${addMonthsToMonth(month, 1)}`)} aria-label="下一月" />
          </Space.Compact>
          <span data-testid="roster-status">{status}</span>
          {dirty && <Tag color="gold">有 {edits.size} 格未保存</Tag>}
        </Space>
      }
      extra={
        <Space>
          {editable && (
            <>
              <Button icon={<CopyOutlined />} onClick={doCopy} loading={copy.isPending}>
                复制上月
              </Button>
              <Button icon={<SaveOutlined />} onClick={() => void saveDraft().catch(() => undefined)} loading={save.isPending} disabled={!dirty}>
                保存草稿
              </Button>
              <Button type="primary" icon={<SendOutlined />} onClick={doPublish} loading={publish.isPending} disabled={!cells.length}>
                发布
              </Button>
            </>
          )}
          {v.printable && (
            <Button icon={<PrinterOutlined />} onClick={() => void doPrint()} loading={printing}>
              打印
            </Button>
          )}
        </Space>
      }
    >
      {v.status === 'none' && !cells.length ? (
        <Alert
          style={{ marginBottom: 10 }}
          type="info"
          showIcon
          message={editable ? `${month} 还没有排班:可"复制上月"后调整,或逐格选择班次` : `${month} 排班表尚未编制`}
        />
      ) : emptyDays.length > 0 ? (
        <Alert
          style={{ marginBottom: 10 }}
          type="warning"
          showIcon
          data-testid="roster-empty-days"
          message={`有 ${emptyDays.length} 天无人值班:${emptyDays.map((d) => Number(d.slice(8))).join('、')} 日`}
        />
      ) : null}
      {v.status === 'published' && canMake && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          已发布的排班表不能直接修改;变更请由值班人员提交请假/调休/替班/换班申请,经客服主管审批后自动更新。
        </Typography.Paragraph>
      )}
      <div className="roster-scroll">
        <table className="roster-grid" data-testid="roster-grid" style={{ width: NAME_W + DAY_W * v.dates.length + TOTAL_W }}>
          <colgroup>
            <col style={{ width: NAME_W }} />
            {v.dates.map((d) => (
              <col key={d} style={{ width: DAY_W }} />
            ))}
            <col style={{ width: TOTAL_W }} />
          </colgroup>
          <thead>
            <tr>
              <th className="roster-name">姓名</th>
              {v.dates.map((d) => (
                <th key={d} className={`roster-day${isWeekend(d) ? ' roster-weekend' : ''}${cells.length && !perDay.get(d) ? ' roster-empty-day' : ''}`} title={dateLabel(d)}>
                  {Number(d.slice(8))}
                  <small>{weekdayOf(d)}</small>
                </th>
              ))}
              <th className="roster-total">班数</th>
            </tr>
          </thead>
          <tbody>
            {v.staff.map((s) => (
              <tr key={s.id} data-testid={`roster-row-${s.staffNo}`}>
                <th className="roster-name" title={`${s.name}(${s.staffNo})`}>
                  {s.name}
                  <small>{s.staffNo}</small>
                </th>
                {v.dates.map((d) => {
                  const k = key(s.id, d)
                  const code = codeAt(k)
                  return (
                    <td
                      key={d}
                      className={`roster-cell${isWeekend(d) ? ' roster-weekend' : ''}`}
                      style={code ? { background: tints.get(code) ?? '#fff' } : undefined}
                      data-testid={`cell-${s.staffNo}-${d}`}
                      data-code={code}
                    >
                      <Cell k={k} code={code} editable={editable} mark={marks.get(k)} shifts={v.shifts} shorts={shorts} changed={edits.has(k)} onChange={onChange} />
                    </td>
                  )
                })}
                <td className="roster-total">{cells.filter((c) => c.staffId === s.id).length}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th className="roster-name">当日人数</th>
              {v.dates.map((d) => (
                <td key={d} className={perDay.get(d) ? '' : 'roster-none'}>
                  {perDay.get(d) ?? 0}
                </td>
              ))}
              <td className="roster-total">{cells.length}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <Legend shifts={v.shifts} shorts={shorts} tints={tints} />
    </Card>
  )
}

const Cell = memo(function Cell({
  k,
  code,
  editable,
  mark,
  shifts,
  shorts,
  changed,
  onChange,
}: {
  k: string
  code: string
  editable: boolean
  mark?: CellMark
  shifts: ShiftPattern[]
  shorts: Map<string, string>
  changed: boolean
  onChange: (k: string, code: string) => void
}) {
  const pattern = shifts.find((p) => p.code === code)
  const short = code ? (shorts.get(code) ?? code) : '休'
  const tip = [pattern ? shiftTitle(pattern) : code ? `班次 ${code}(项目设置中已没有)` : mark ? '' : '休息', mark?.tip].filter(Boolean).join(';')
  const badge = mark && (
    <span className="roster-badge" style={{ background: mark.color }}>
      {mark.badge}
    </span>
  )
  if (!editable)
    return (
      <Tooltip title={tip} mouseEnterDelay={0.3}>
        {!code && mark ? (
          // The planned holder's cell, emptied by an approved request: 请/调/替/换 instead of 休.
          <span className="roster-code" style={{ color: mark.color, fontWeight: 600 }}>
            {mark.badge}
          </span>
        ) : (
          <>
            <span className={`roster-code${code ? '' : ' roster-rest'}`}>{short}</span>
            {badge}
          </>
        )}
      </Tooltip>
    )
  return (
    <Tooltip title={tip} mouseEnterDelay={0.5} placement="top">
      <Select
        size="small"
        variant="borderless"
        value={code}
        suffixIcon={null}
        popupMatchSelectWidth={false}
        onChange={(c: string) => onChange(k, c)}
        options={[{ value: '', label: '休(不排班)' }, ...shifts.map((p) => ({ value: p.code, label: shiftTitle(p) }))]}
        labelRender={({ value }) => <span className={value ? undefined : 'roster-rest'}>{value ? (shorts.get(String(value)) ?? String(value)) : '休'}</span>}
        styles={{ root: { width: '100%', minWidth: 0, paddingInline: 0, fontWeight: changed ? 700 : undefined, boxShadow: changed ? 'inset 0 0 0 1px #faad14' : undefined }, content: { justifyContent: 'center', textAlign: 'center', padding: 0 } }}
        aria-label="班次"
      />
    </Tooltip>
  )
})

function Legend({ shifts, shorts, tints }: { shifts: ShiftPattern[]; shorts: Map<string, string>; tints: Map<string, string> }) {
  return (
    <div className="roster-legend" data-testid="roster-legend">
      {shifts.map((p) => (
        <span key={p.code}>
          <b style={{ background: tints.get(p.code) }}>{shorts.get(p.code)}</b>
          {shiftTitle(p)}
        </span>
      ))}
      <span>
        <b className="roster-rest">休</b>不排班
      </span>
      <span>
        经客服主管批准的变更:<b style={{ color: BADGE_COLORS.请 }}>请</b>请假 <b style={{ color: BADGE_COLORS.调 }}>调</b>调休 <b style={{ color: BADGE_COLORS.替 }}>替</b>替班 <b style={{ color: BADGE_COLORS.换 }}>换</b>换班;角标表示顶班的人
      </span>
    </div>
  )
}
