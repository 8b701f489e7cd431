import { Button, Card, Col, Row, Space, Tabs } from 'antd'
import { useRef, useState } from 'react'
import { KEEPS_KEY_REGISTER, KEY_DESK_ROLES } from '../../../shared/keys/schema'
import type { KeyLoanRow } from '../../../shared/keys/schema'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk } from '../api/hooks'
import { SpareKeysPanel } from '../spareKeys/SpareKeysPanel'
import { KeyBook } from './KeyBook'
import { KeyRegister } from './KeyRegister'
import { KeysOutTable } from './KeysOutTable'
import { LendForm, type FocusHandle } from './LendForm'
import { LostModal } from './LostModal'
import { ReturnForm, type ReturnHandle } from './ReturnForm'

/**
 * 钥匙管理 (public keys): lend and take back at the desk (keyboard first), the keys out with the
 * overdue ones in red, the register (the administrator's), and the key book of a day or a range.
 */
export function KeysPage({ me }: { me: SessionInfo }) {
  const canLend = me.staff.roles.some((r) => KEY_DESK_ROLES.includes(r))
  const canEdit = me.staff.roles.some((r) => KEEPS_KEY_REGISTER.includes(r))
  const [tab, setTab] = useState(canLend ? 'desk' : 'register')
  const out = useDesk('keyLoan.out', {}, { refetchInterval: 60_000 })
  const lend = useRef<FocusHandle>(null)
  const back = useRef<ReturnHandle>(null)
  const [lost, setLost] = useState<KeyLoanRow | null>(null)
  const overdue = (out.data ?? []).filter((l) => l.overdueMinutes > 0).length
  const desk = (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={12}>
        <Col span={14}>
          <LendForm ref={lend} />
        </Col>
        <Col span={10}>
          <ReturnForm ref={back} />
        </Col>
      </Row>
      <Card size="small" title={`借出中(${out.data?.length ?? 0}${overdue ? `,逾期 ${overdue}` : ''})`}>
        <KeysOutTable
          rows={out.data ?? []}
          loading={out.isLoading}
          actions={(l) => (
            <Space>
              <Button size="small" type="primary" onClick={() => back.current?.pick(l)}>归还</Button>
              <Button size="small" danger onClick={() => setLost(l)}>报失</Button>
            </Space>
          )}
        />
      </Card>
      <LostModal subject={lost ? { tagNo: lost.tagNo, keyName: lost.keyName, loanId: lost.id, borrower: lost.borrowerName } : null} onClose={() => setLost(null)} />
    </Space>
  )
  return (
    <div data-testid="keys-page">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          ...(canLend ? [{ key: 'desk', label: '借还钥匙', children: desk }] : []),
          { key: 'register', label: '钥匙登记册', children: <KeyRegister canEdit={canEdit} canLend={canLend} /> },
          { key: 'book', label: '借用登记表', children: <KeyBook /> },
          { key: 'spare', label: '业主寄存钥匙', children: <SpareKeysPanel me={me} /> },
        ]}
      />
    </div>
  )
}
