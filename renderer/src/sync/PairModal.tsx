import { Alert, Button, Descriptions, Modal, Result, Space, Spin, Typography } from 'antd'
import dayjs from 'dayjs'
import type { PairingOffer } from '../../../shared/sync/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { FingerprintCompare } from './FingerprintCompare'
import { codeText } from './labels'

/**
 * 添加终端, on a terminal that holds the site (the sponsor): a one-time code and this terminal's
 * addresses to type on the new one; once the new terminal has proved the code, both screens show the
 * two certificates' fingerprints and the administrator confirms they match — the code alone could be
 * guessed or overheard, the fingerprints cannot be faked.
 */
export function PairModal({ offer, error, onClose }: { offer: PairingOffer | undefined; error: string | null; onClose: () => void }) {
  const confirm = useDeskMutation('sync.pair.confirm')
  // The code is made by the 添加终端 click (not by an effect, which React's strict mode would run twice).
  const pending = useDesk('sync.pair.pending', {}, { enabled: !!offer, refetchInterval: 1000, retry: false })
  const p = pending.data

  const body = () => {
    if (error) return <Alert type="error" showIcon message={error} />
    if (!offer) return <Spin />
    if (p?.state === 'done')
      return <Result status="success" title={`已与 ${p.joiner.name} 配对`} subTitle="新终端正在接收本项目的数据,完成后即可在其上登录(工号和PIN与本终端相同)。" data-testid="pair-done" />
    if (p?.state === 'refused') return <Result status="warning" title="配对已取消" subTitle="一方认为指纹不一致。请确认连接的是本项目的电脑后重新生成配对码。" data-testid="pair-refused" />
    if (p?.state === 'expired') return <Result status="warning" title="配对码已失效" subTitle="超过 10 分钟或输错 5 次。请重新生成配对码。" data-testid="pair-expired" />
    if (p?.state === 'confirm' || p?.state === 'waitingJoiner')
      return (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="pair-confirm">
          <FingerprintCompare
            otherScreen="新终端"
            rows={[
              { label: `本终端 ${p.sponsor.name}`, fingerprint: p.sponsor.shortFingerprint, testId: 'pair-fp-sponsor' },
              { label: `新终端 ${p.joiner.name}`, fingerprint: p.joiner.shortFingerprint, testId: 'pair-fp-joiner' },
            ]}
          />
          {p.state === 'waitingJoiner' ? (
            <Space>
              <Spin size="small" />
              <Typography.Text type="secondary">本终端已确认,等待新终端确认……</Typography.Text>
            </Space>
          ) : (
          <Space>
            <Button type="primary" autoFocus loading={confirm.isPending} onClick={() => confirm.mutate({ accept: true })} data-testid="pair-accept">
              指纹一致,确认配对
            </Button>
            <Button danger onClick={() => confirm.mutate({ accept: false })} data-testid="pair-refuse">
              不一致,拒绝
            </Button>
          </Space>
          )}
        </Space>
      )
    return <Offer offer={offer} />
  }

  return (
    <Modal open title="添加终端" width={560} onCancel={onClose} destroyOnHidden footer={<Button onClick={onClose}>关闭</Button>}>
      {body()}
    </Modal>
  )
}

function Offer({ offer }: { offer: PairingOffer }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="pair-offer">
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        在新终端上打开本程序,选择 <b>加入已有项目</b>,输入下面的地址和配对码:
      </Typography.Paragraph>
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label="本终端地址">
          {offer.addresses.length ? (
            <Space direction="vertical" size={0}>
              {offer.addresses.map((a) => (
                <Typography.Text key={a} copyable strong data-testid="pair-address">
                  {a}
                </Typography.Text>
              ))}
            </Space>
          ) : (
            <Typography.Text type="warning">未找到局域网地址:请检查网线或无线网络</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="配对码">
          <Typography.Text strong style={{ fontSize: 28, letterSpacing: 4 }} data-testid="pair-code">
            {codeText(offer.code)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
            {dayjs(offer.expiresAt).format('HH:mm')} 前有效,仅可使用一次
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="本终端指纹">
          <Typography.Text code className="fingerprint">
            {offer.shortFingerprint}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Space>
        <Spin size="small" />
        <Typography.Text type="secondary">等待新终端输入配对码……</Typography.Text>
      </Space>
    </Space>
  )
}
