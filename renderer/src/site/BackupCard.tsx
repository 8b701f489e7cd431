import { CloudDownloadOutlined } from '@ant-design/icons'
import { Button, Card, Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import type { BackupInfo } from '../../../shared/site/schema'
import { useDesk, useDeskMutation } from '../api/hooks'

const LABELS: Record<string, string> = { daily: '每日自动', manual: '手动' }
const labelOf = (l: string) => LABELS[l] ?? (l.startsWith('before-') ? `升级前(${l.slice(7)})` : l)

/** Copies of the database: one a day automatically (14 kept), before every upgrade, and on demand. */
export function BackupCard() {
  const list = useDesk('backup.list', {})
  const now = useDeskMutation('backup.now', { success: '备份完成' })
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
        备份位于 {list.data?.[0]?.path.replace(/[\\/][^\\/]+$/, '') ?? '数据文件夹下的 backups'};建议定期复制到U盘或其他电脑。
      </Typography.Paragraph>
      <Table<BackupInfo>
        rowKey="fileName"
        size="small"
        dataSource={list.data}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        columns={[
          { title: '时间', dataIndex: 'at', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: '类型', dataIndex: 'label', render: (l: string) => <Tag>{labelOf(l)}</Tag> },
          { title: '大小', dataIndex: 'sizeBytes', render: (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB` },
          { title: '文件', dataIndex: 'fileName' },
        ]}
      />
    </Card>
  )
}
