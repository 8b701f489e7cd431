import { PlusOutlined, SyncOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Popconfirm, Result, Space, Spin, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import type { PeerStatus, SyncConflict, SyncLogEntry } from '../../../shared/sync/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { LOG_DIRECTION, offsetText, PEER_STATE, tableText } from './labels'
import { PairModal } from './PairModal'

const when = (at: string | null) => (at ? dayjs(at).format('MM-DD HH:mm:ss') : '—')

/**
 * 终端与同步 (administrator): this terminal, the site's other terminals and how far each is behind,
 * 添加终端 (pairing), 移除, and the record of what came and went and which edits lost a conflict.
 */
export function SyncPage() {
  const status = useDesk('sync.status', {}, { refetchInterval: 3000, retry: false })
  const enable = useDeskMutation('sync.enable', { success: '已保存' })
  const now = useDeskMutation('sync.now', { success: '同步完成' })
  const remove = useDeskMutation('sync.remove', { success: '终端已移除' })
  const start = useDeskMutation('sync.pair.start')
  const desk = useDeskMutation('sync.setCustodyDesk', { success: '已设置前台物品所在终端' })
  const setDesk = (terminalId: string, name: string) => (
    <Popconfirm
      title={`前台物品放在 ${name} 旁?`}
      description="此后只在该终端接管和交接前台物品(备用金、钥匙、门禁卡等)。"
      okText="确定"
      cancelText="取消"
      onConfirm={() => desk.mutateAsync({ terminalId })}
    >
      <Button size="small" data-testid={`sync-custody-${name}`}>
        设为物品所在终端
      </Button>
    </Popconfirm>
  )
  const [pairing, setPairing] = useState(false)

  if (status.isError) return <Result status="warning" title="本终端不能使用局域网同步" subTitle={status.error.message} />
  if (!status.data) return <Spin />
  const s = status.data
  const peers = s.peers

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="sync-page">
      {s.summary.clockWarning && <Alert type="error" showIcon message={s.summary.clockWarning} description="各终端记录的时间以本机时钟为准,相差过大时交接班、时限和排序会出错。" data-testid="sync-clock-warning" />}
      <Card
        title="本终端"
        size="small"
        data-testid="sync-self"
        extra={
          <Space>
            <Button icon={<SyncOutlined />} loading={now.isPending} disabled={!peers.some((p) => p.state !== 'revoked')} onClick={() => now.mutate({})} data-testid="sync-now">
              立即同步
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                start.mutate({})
                setPairing(true)
              }}
              data-testid="sync-add"
            >
              添加终端
            </Button>
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="名称">{s.self.name || '—'}</Descriptions.Item>
          <Descriptions.Item label="编号字母">
            <Tooltip title="本终端开出的单据编号带此字母(如 DH-2026-B0001),各终端互不重号">{s.self.mark ? <Tag>{s.self.mark}</Tag> : <Typography.Text type="secondary">无(首台终端)</Typography.Text>}</Tooltip>
          </Descriptions.Item>
          <Descriptions.Item label="证书指纹">
            <Typography.Text code className="fingerprint" data-testid="sync-self-fp">
              {s.self.shortFingerprint}
            </Typography.Text>
          </Descriptions.Item>
          {s.custodyDeskId && (
            <Descriptions.Item label="前台物品">
              {s.custodyDeskId === s.self.terminalId ? <Tag color="gold">在本机旁</Tag> : setDesk(s.self.terminalId, s.self.name || '本终端')}
            </Descriptions.Item>
          )}
          <Descriptions.Item label="局域网同步">
            <Space>
              <Switch checked={s.enabled} loading={enable.isPending} onChange={(on) => enable.mutate({ enabled: on })} checkedChildren="开" unCheckedChildren="关" data-testid="sync-enabled" />
              <Typography.Text type="secondary">{s.enabled ? (s.listening ? `监听 ${s.listening}` : '已开启') : '关闭时本终端只在本机工作,不收发数据'}</Typography.Text>
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={`本项目的其他终端(${peers.filter((p) => p.state !== 'revoked').length} 台)`} size="small" data-testid="sync-peers">
        <Table<PeerStatus>
          size="small"
          rowKey="terminalId"
          dataSource={peers}
          pagination={false}
          locale={{ emptyText: '尚未添加其他终端:本终端单机工作。点「添加终端」让第二台电脑加入。' }}
          columns={[
            { title: '终端', dataIndex: 'name', width: 150, render: (n: string, p) => <Space style={{ whiteSpace: 'nowrap' }}>{n}{p.mark && <Tag>{p.mark}</Tag>}</Space> },
            { title: '状态', dataIndex: 'state', width: 96, render: (st: PeerStatus['state'], p) => <Tooltip title={p.lastError ?? undefined}><Tag color={PEER_STATE[st].color}>{PEER_STATE[st].label}</Tag></Tooltip> },
            { title: '最近同步', dataIndex: 'lastSyncAt', width: 130, render: when },
            {
              title: '待同步',
              width: 150,
              render: (_: unknown, p) => (p.state === 'revoked' ? '—' : `待发 ${p.waitingOut} · 待收 ${p.waitingIn ?? '?'}`),
            },
            {
              title: '时钟',
              dataIndex: 'clockOffsetMs',
              width: 100,
              render: (ms: number | null) => <Typography.Text type={ms !== null && Math.abs(ms) > 5 * 60_000 ? 'danger' : undefined}>{offsetText(ms)}</Typography.Text>,
            },
            {
              title: '地址 / 证书指纹',
              width: 190,
              render: (_: unknown, p) => (
                <Space direction="vertical" size={0}>
                  <span>{p.address ?? '—'}</span>
                  <Typography.Text code className="fingerprint">{p.shortFingerprint}</Typography.Text>
                </Space>
              ),
            },
            {
              title: '前台物品',
              width: 150,
              render: (_: unknown, p) => (p.terminalId === s.custodyDeskId ? <Tag color="gold">在此终端旁</Tag> : p.state === 'revoked' ? null : setDesk(p.terminalId, p.name)),
            },
            {
              title: '',
              width: 72,
              render: (_: unknown, p) =>
                p.state === 'revoked' ? null : (
                  <Popconfirm
                    title={`移除 ${p.name}?`}
                    description="其证书在所有终端上作废,它将不能再收发数据(已同步的记录保留)。"
                    okText="移除"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => remove.mutateAsync({ terminalId: p.terminalId })}
                  >
                    <Button size="small" danger data-testid={`sync-remove-${p.name}`}>
                      移除
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>

      <Card size="small">
        <Tabs
          items={[
            { key: 'log', label: '同步记录', children: <SyncLog /> },
            { key: 'conflicts', label: '冲突记录', children: <Conflicts /> },
          ]}
        />
      </Card>

      {pairing && (
        <PairModal
          offer={start.data}
          error={start.error?.message ?? null}
          onClose={() => {
            setPairing(false)
            start.reset()
          }}
        />
      )}
    </Space>
  )
}

function SyncLog() {
  const log = useDesk('sync.log', { limit: 200 }, { refetchInterval: 3000 })
  return (
    <Table<SyncLogEntry>
      size="small"
      rowKey={(e, i) => `${e.at}-${i}`}
      loading={log.isLoading}
      dataSource={log.data}
      pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
      data-testid="sync-log"
      columns={[
        { title: '时间', dataIndex: 'at', width: 130, render: when },
        { title: '类型', dataIndex: 'direction', width: 72, render: (d: SyncLogEntry['direction']) => <Tag color={LOG_DIRECTION[d].color}>{LOG_DIRECTION[d].label}</Tag> },
        { title: '终端', dataIndex: 'peerName', width: 120, render: (n: string | null) => n ?? '—' },
        { title: '条数', dataIndex: 'count', width: 64, align: 'right' },
        { title: '说明', dataIndex: 'detail' },
      ]}
    />
  )
}

const valueText = (v: unknown) => (v === null || v === undefined ? '(空)' : typeof v === 'string' ? v : JSON.stringify(v))

function Conflicts() {
  const list = useDesk('sync.conflicts', { limit: 200 }, { refetchInterval: 10_000 })
  return (
    <>
      <Typography.Paragraph type="secondary">两台终端改了同一条记录的同一栏时,以较晚的修改为准;被替换的值记在这里,可据此人工更正。</Typography.Paragraph>
      <Table<SyncConflict>
        size="small"
        rowKey={(c, i) => `${c.at}-${c.rowId}-${c.column}-${i}`}
        loading={list.isLoading}
        dataSource={list.data}
        pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid="sync-conflicts"
        locale={{ emptyText: '没有冲突' }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 130, render: when },
          { title: '记录类别', dataIndex: 'table', width: 160, render: tableText },
          { title: '记录', dataIndex: 'rowId', width: 120, ellipsis: true },
          { title: '栏目', dataIndex: 'column', width: 120 },
          { title: '保留的值', dataIndex: 'kept', render: valueText },
          { title: '被替换的值', dataIndex: 'lost', render: valueText },
          { title: '来自', dataIndex: 'lostFrom', width: 120 },
        ]}
      />
    </>
  )
}
