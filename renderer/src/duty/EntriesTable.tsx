import { Table, Tag, Tooltip, Typography } from 'antd'
import dayjs from 'dayjs'
import { ESCALATION_TARGET_LABELS, LOG_KIND_LABELS, LOG_SOURCE_LABELS, LOG_STATUS_LABELS, type LogStatus } from '../../../shared/duty/kinds'
import type { LogEntryRow } from '../../../shared/duty/logSchema'
import { EntryActions } from './EntryActions'
import { sourcePath } from './sourceLinks'

const STATE_COLOR: Record<LogStatus, string> = { done: 'green', pending: 'orange', escalated: 'red' }

export function StateTag({ e }: { e: LogEntryRow }) {
  return (
    <Tag color={STATE_COLOR[e.state]}>
      {LOG_STATUS_LABELS[e.state]}
      {e.state === 'escalated' && e.escalatedTo ? ` · ${ESCALATION_TARGET_LABELS[e.escalatedTo]}` : ''}
    </Tag>
  )
}

const secondary = (s: string) => (
  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
    {s}
  </Typography.Text>
)

/**
 * Log entries as the paper register shows them, with their actions. The short columns have fixed
 * widths and pairs share a cell (房屋 over 人员, 处理措施 over 转交), so 内容 and 处理措施 keep
 * a readable width at 1280 px; below their minimum the table scrolls sideways instead of
 * breaking text one character per line.
 */
export function EntriesTable({ rows, loading, canWrite, showShift, testId, pagination }: { rows?: LogEntryRow[]; loading?: boolean; canWrite: boolean; showShift?: boolean; testId?: string; pagination?: object | false }) {
  return (
    <Table<LogEntryRow>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      data-testid={testId}
      pagination={pagination ?? false}
      locale={{ emptyText: '暂无记录' }}
      // Fixed layout: the short columns keep their widths, 内容 and 处理措施 share the rest and wrap.
      tableLayout="fixed"
      scroll={{ x: 900 }}
      columns={[
        {
          title: '时间',
          dataIndex: 'at',
          width: showShift ? 92 : 64,
          // The real calendar moment (a night shift's 02:10 is on the next day); the shift the row
          // is filed under (by its shift date) is named beneath when its date differs.
          render: (v: string, e) => {
            const at = dayjs(v)
            const sameDay = at.format('YYYY-MM-DD') === e.shiftDate
            return showShift ? (
              <>
                {at.format('MM-DD HH:mm')}
                {secondary(sameDay ? e.shiftName : `${e.shiftDate.slice(5)} ${e.shiftName}`)}
              </>
            ) : (
              <>
                {at.format('HH:mm')}
                {!sameDay && secondary(at.format('MM-DD'))}
              </>
            )
          },
        },
        { title: '类型', dataIndex: 'kind', width: 76, render: (k: LogEntryRow['kind']) => LOG_KIND_LABELS[k] },
        {
          title: '房屋 / 人员',
          dataIndex: 'unitLabel',
          width: 120,
          render: (v: string | null, e) => (
            <>
              {v ?? '—'}
              {e.person && secondary(e.person)}
            </>
          ),
        },
        {
          title: '内容',
          dataIndex: 'content',
          render: (v: string, e) => (
            <>
              {e.correctsId && <Tag color="purple">更正</Tag>}
              {e.sourceKind && (
                <Tooltip title={`由${LOG_SOURCE_LABELS[e.sourceKind]}自动记入,随其办理进度更新;点击打开原记录`}>
                  {/* A real link: Tab reaches it and Enter opens the record (the hash router follows it). */}
                  <a href={`#${sourcePath(e.sourceKind, e.sourceId ?? '')}`} data-testid="entry-source-link">
                    <Tag color="blue" data-testid="entry-source" style={{ cursor: 'pointer' }}>
                      {LOG_SOURCE_LABELS[e.sourceKind]}
                    </Tag>
                  </a>
                </Tooltip>
              )}
              {e.correctedById ? (
                <Tooltip title="原记录保留,以更正记录为准">
                  <span>
                    <Typography.Text delete>{v}</Typography.Text> <Tag>已更正</Tag>
                  </span>
                </Tooltip>
              ) : (
                v
              )}
              {e.correctionReason && <Typography.Text type="secondary">(更正原因:{e.correctionReason})</Typography.Text>}
            </>
          ),
        },
        {
          title: '处理措施 / 转交',
          dataIndex: 'action',
          render: (v: string | null, e) => (
            <>
              {v ?? '—'}
              {e.passedTo && secondary(`转交:${e.passedTo}`)}
            </>
          ),
        },
        { title: '状态', width: 128, render: (_, e) => <StateTag e={e} /> },
        {
          title: '记录人',
          dataIndex: 'recordedByName',
          width: 64,
          render: (v: string, e) => (e.followUpCount ? <Tooltip title={`已跟进 ${e.followUpCount} 次`}>{v} · {e.followUpCount}</Tooltip> : v),
        },
        ...(canWrite ? [{ title: '操作', width: 124, render: (_: unknown, e: LogEntryRow) => <EntryActions entry={e} canWrite={canWrite} /> }] : []),
      ]}
    />
  )
}
