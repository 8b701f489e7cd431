import { CloudDownloadOutlined, HistoryOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Modal, Spin, Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import type { BackupCounts, BackupInfo } from '../../../shared/site/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { session } from '../api/transport'

const LABELS: Record<string, string> = { daily: '每日自动', manual: '手动', 'before-restore': '恢复前' }
export const labelOf = (l: string) => LABELS[l] ?? (l.startsWith('before-') ? `升级前(${l.slice(7)})` : l)
const COUNT_LABELS: Array<[keyof BackupCounts, string]> = [
  ['residents', '住户'],
  ['units', '房屋'],
  ['staff', '员工'],
  ['log_entries', '值班记录'],
  ['handovers', '交接班'],
  ['permits', '证件'],
  ['audit_events', '审计记录'],
]
export const countsText = (c: BackupCounts | null) => (c ? COUNT_LABELS.filter(([k]) => c[k] !== undefined).map(([k, l]) => `${l} ${c[k]}`).join(' · ') : '—')

/** Restoring one backup: its date and what it holds are shown, checked, before anything changes. */
function RestoreDialog({ fileName, onClose }: { fileName: string; onClose: () => void }) {
  const detail = useDesk('backup.inspect', { fileName }, { retry: false })
  const restore = useDeskMutation('backup.restore', {
    onSuccess: () => {
      // Every session ended with the old database: back to the login page on the restored one.
      session.set(null)
      window.location.reload()
    },
  })
  const d = detail.data
  return (
    <Modal
      open
      title="从备份恢复"
      width={620}
      onCancel={onClose}
      okText="恢复此备份"
      okButtonProps={{ danger: true, disabled: !d, loading: restore.isPending, 'data-testid': 'restore-confirm' } as never}
      cancelText="取消"
      onOk={() => restore.mutate({ fileName })}
      data-testid="restore-dialog"
    >
      {detail.isLoading && <Spin />}
      {detail.error && <Alert type="error" showIcon message={detail.error.message} />}
      {d && (
        <>
          <Descriptions column={1} size="small" bordered data-testid="restore-detail" styles={{ label: { width: 96, whiteSpace: "nowrap" } }}>
            <Descriptions.Item label="备份时间">{dayjs(d.at).format('YYYY-MM-DD HH:mm:ss')}</Descriptions.Item>
            <Descriptions.Item label="类型">{labelOf(d.label)}</Descriptions.Item>
            <Descriptions.Item label="项目">{d.siteName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="内容">{countsText(d.counts)}</Descriptions.Item>
            <Descriptions.Item label="文件">
              {d.fileName}({(d.sizeBytes / 1024 / 1024).toFixed(1)} MB){d.verified ? <Tag color="green" style={{ marginLeft: 8 }}>已校验</Tag> : <Tag style={{ marginLeft: 8 }}>旧备份,已检查完整性</Tag>}
            </Descriptions.Item>
          </Descriptions>
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            message="恢复后,数据回到备份时的状态"
            description="恢复前,当前数据库会先备份(类型「恢复前」),可以再恢复回来。恢复后所有人需要重新登录。"
          />
        </>
      )}
    </Modal>
  )
}

/** Copies of the database: one a day automatically (14 kept), before every upgrade or restore, and on demand. */
export function BackupCard() {
  const list = useDesk('backup.list', {})
  const now = useDeskMutation('backup.now', { success: '备份完成' })
  const [restoring, setRestoring] = useState<string | null>(null)
  return (
    <Card
      title="数据备份"
      size="small"
      data-testid="backup-card"
      extra={
        <Button icon={<CloudDownloadOutlined />} loading={now.isPending} onClick={() => now.mutate({})} data-testid="backup-now">
          立即备份
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        备份位于 {list.data?.[0]?.path.replace(/[\\/][^\\/]+$/, '') ?? '数据文件夹下的 backups'};建议定期复制到U盘或其他电脑。只列出检查完整的备份。
      </Typography.Paragraph>
      <Table<BackupInfo>
        rowKey="fileName"
        size="small"
        dataSource={list.data}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: '类型', dataIndex: 'label', width: 150, render: (l: string) => <Tag>{labelOf(l)}</Tag> },
          { title: '内容', dataIndex: 'counts', render: (c: BackupCounts | null) => <Typography.Text type="secondary">{countsText(c)}</Typography.Text> },
          { title: '大小', dataIndex: 'sizeBytes', width: 90, render: (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB` },
          {
            title: '',
            width: 90,
            render: (_: unknown, b) => (
              <Button size="small" icon={<HistoryOutlined />} onClick={() => setRestoring(b.fileName)} data-testid="backup-restore">
                恢复
              </Button>
            ),
          },
        ]}
      />
      {restoring && <RestoreDialog fileName={restoring} onClose={() => setRestoring(null)} />}
    </Card>
  )
}
