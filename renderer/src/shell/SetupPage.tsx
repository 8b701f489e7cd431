import { HistoryOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Checkbox, Form, Input, Select, Space, Table, Tabs, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { setupInput, TIME_ZONES, type SetupBackup } from '../../../shared/site/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { session } from '../api/transport'
import { zodRule } from '../forms/zodRule'
import { countsText, labelOf } from '../site/BackupCard'
import { JoinForm } from '../sync/JoinForm'

const f = setupInput.shape

/**
 * A data folder with backups but no database: the site's file was lost or moved. Offer the backups
 * first; a new empty site needs the explicit 新建空项目 tick below.
 */
function BackupsFound({ backups }: { backups: SetupBackup[] }) {
  const { modal } = App.useApp()
  const restore = useDeskMutation('setup.restore', {
    onSuccess: () => {
      session.set(null)
      window.location.reload()
    },
  })
  const ask = (b: SetupBackup) =>
    modal.confirm({
      title: '从备份恢复',
      width: 520,
      content: `${dayjs(b.at).format('YYYY-MM-DD HH:mm')} 的备份(${labelOf(b.label)}):${countsText(b.counts)}。恢复后用原项目的工号和PIN登录。`,
      okText: '恢复此备份',
      cancelText: '取消',
      onOk: () => restore.mutateAsync({ fileName: b.fileName }),
    })
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="setup-backups">
      <Alert type="warning" showIcon message={`此数据文件夹中有 ${backups.length} 个项目备份,但当前数据库中没有项目(数据库文件可能丢失或被移走)`} description="如果这台电脑原来在使用本程序,请从备份恢复;只有确实要开始一个新项目时,才在下方勾选「新建空项目」。" />
      <Table<SetupBackup>
        size="small"
        rowKey="fileName"
        dataSource={backups}
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 140, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: '类型', dataIndex: 'label', width: 100, render: (l: string) => labelOf(l) },
          { title: '内容', dataIndex: 'counts', render: (c: SetupBackup['counts']) => <Typography.Text type="secondary">{countsText(c)}</Typography.Text> },
          {
            title: '',
            width: 80,
            render: (_: unknown, b) => (
              <Button size="small" icon={<HistoryOutlined />} loading={restore.isPending} onClick={() => ask(b)} data-testid="setup-restore">
                恢复
              </Button>
            ),
          },
        ]}
      />
    </Space>
  )
}

/**
 * First start: a new site and its first administrator, or — on a terminal that can sync — joining a
 * site another terminal already holds (加入已有项目).
 */
export function SetupPage({ onDone }: { onDone: () => void }) {
  const status = useDesk('setup.status', {})
  const backups = status.data?.backups ?? []
  // A terminal without a certificate (or a host without the sync door) cannot join: no tab for it.
  const canJoin = useDesk('sync.join.state', {}, { retry: false }).isSuccess
  const [tab, setTab] = useState('new')
  const create = <CreateSite backups={backups} onDone={onDone} />
  return (
    <div className="center-page">
      <Card style={{ width: backups.length ? 680 : 520 }} title={canJoin ? '首次使用' : '首次使用 · 创建项目'} data-testid="setup-card">
        {canJoin ? (
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'new', label: '创建新项目', children: create },
              { key: 'join', label: '加入已有项目', children: <JoinForm onDone={onDone} /> },
            ]}
          />
        ) : (
          create
        )}
      </Card>
    </div>
  )
}

/** The site and its first administrator (the PIN typed twice). */
function CreateSite({ backups, onDone }: { backups: SetupBackup[]; onDone: () => void }) {
  const [form] = Form.useForm()
  const create = useDeskMutation('setup.create', { form, success: '项目已创建,请用管理员账号登录', onSuccess: onDone })
  return (
    <>
      {backups.length > 0 && <BackupsFound backups={backups} />}
      <Typography.Paragraph type="secondary">填写本服务中心的基本信息,并创建第一个管理员账号。</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ timeZone: 'Asia/Shanghai' }}
        // The confirmation stays on this screen; the core gets the PIN once.
        onFinish={({ adminPinAgain: _again, ...v }) => create.mutate(v)}
      >
        <Form.Item name="name" label="项目名称" rules={[zodRule(f.name)]}>
          <Input placeholder="例如:阳光花园" />
        </Form.Item>
        <Form.Item name="office" label="管理处" rules={[zodRule(f.office)]}>
          <Input placeholder="例如:阳光花园物业服务中心" />
        </Form.Item>
        <Form.Item name="timeZone" label="时区">
          <Select options={TIME_ZONES.map((z) => ({ value: z, label: z === 'Asia/Shanghai' ? 'Asia/Shanghai(北京时间)' : z }))} />
        </Form.Item>
        <Form.Item name="adminStaffNo" label="管理员工号" rules={[zodRule(f.adminStaffNo)]}>
          <Input />
        </Form.Item>
        <Form.Item name="adminName" label="管理员姓名" rules={[zodRule(f.adminName)]}>
          <Input />
        </Form.Item>
        <Form.Item name="adminPin" label="管理员PIN(至少4位)" rules={[zodRule(f.adminPin)]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="adminPinAgain"
          label="再次输入PIN"
          dependencies={['adminPin']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v ? Promise.reject(new Error('请再次输入管理员PIN')) : v === getFieldValue('adminPin') ? Promise.resolve() : Promise.reject(new Error('两次输入的PIN不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {backups.length > 0 && (
          <Form.Item
            name="confirmNew"
            valuePropName="checked"
            rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('不从备份恢复时,请勾选「新建空项目」'))) }]}
          >
            <Checkbox>新建空项目(不恢复备份)</Checkbox>
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={create.isPending}>
          创建项目
        </Button>
      </Form>
    </>
  )
}
