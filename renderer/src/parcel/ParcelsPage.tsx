import { Button, Card, DatePicker, Space, Tabs } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { PARCEL_DESK_ROLES, type ParcelRow } from '../../../shared/parcel/schema'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { coreNow } from '../api/useCoreNow'
import { downloadPdf } from '../print/download'
import { DelegateModal, NotifyModal } from './NoticeModals'
import { ParcelTable } from './ParcelTable'
import { PickupModal } from './PickupModal'
import { ReceiveForm } from './ReceiveForm'

/** 邮件收递 record of a range: every parcel received, its pickup; the 邮件领取登记表 prints. */
function ParcelBook() {
  // The core's day, not the PC's (in host mode the core runs on another PC; a PC's clock can be wrong).
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs(coreNow()), dayjs(coreNow())])
  const input = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }
  const list = useDesk('parcel.list', input)
  const print = useDeskMutation('parcel.print', { onSuccess: (p) => downloadPdf(p.fileName, p.pdfBase64) })
  return (
    <Card
      size="small"
      title="邮件收递记录"
      extra={
        <Space>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} />
          <Button onClick={() => print.mutate(input)} loading={print.isPending} data-testid="print-parcels">打印邮件领取登记表</Button>
        </Space>
      }
    >
      <ParcelTable rows={list.data ?? []} loading={list.isLoading} testId="parcel-book" empty="该期间没有收件" />
    </Card>
  )
}

/**
 * 邮件收递: receive by scanner (keyboard first), the parcels waiting at the desk (over the site's days
 * in red) with 通知 / 代领人 / 领取, and the record of a range with the printed pickup list.
 */
export function ParcelsPage({ me }: { me: SessionInfo }) {
  const canDesk = me.staff.roles.some((r) => PARCEL_DESK_ROLES.includes(r))
  const [tab, setTab] = useState(canDesk ? 'desk' : 'book')
  const waiting = useDesk('parcel.waiting', {}, { refetchInterval: 60_000 })
  const settings = useDesk('parcel.settings', {})
  const [pickup, setPickup] = useState<ParcelRow | null>(null)
  const [notify, setNotify] = useState<ParcelRow | null>(null)
  const [delegate, setDelegate] = useState<ParcelRow | null>(null)
  const overdue = (waiting.data ?? []).filter((p) => p.overdue).length
  const desk = (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ReceiveForm />
      <Card size="small" title={`待领邮件(${waiting.data?.length ?? 0}${overdue ? `,超过${settings.data?.overdueDays ?? ''}天未领 ${overdue}` : ''})`}>
        <ParcelTable
          rows={waiting.data ?? []}
          loading={waiting.isLoading}
          testId="parcels-waiting"
          empty="没有待领的邮件"
          actions={(p) => (
            <Space size={4}>
              <Button size="small" type="primary" onClick={() => setPickup(p)} data-testid="parcel-pickup-open">领取</Button>
              <Button size="small" onClick={() => setNotify(p)}>通知</Button>
              <Button size="small" onClick={() => setDelegate(p)}>代领人</Button>
            </Space>
          )}
        />
      </Card>
      <PickupModal key={pickup?.id ?? 'none'} parcel={pickup} onClose={() => setPickup(null)} />
      <NotifyModal parcel={notify} onClose={() => setNotify(null)} />
      <DelegateModal parcel={delegate} onClose={() => setDelegate(null)} />
    </Space>
  )
  return (
    <div data-testid="parcels-page">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[...(canDesk ? [{ key: 'desk', label: '收件与领取', children: desk }] : []), { key: 'book', label: '收递记录', children: <ParcelBook /> }]}
      />
    </div>
  )
}
