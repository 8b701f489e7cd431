import { Alert, Descriptions, Space, Typography } from 'antd'

/**
 * The two certificates' short fingerprints, shown on both screens during a pairing (sponsor and new
 * terminal alike), to be compared character by character before either confirms.
 */
export function FingerprintCompare({ otherScreen, rows }: { otherScreen: string; rows: Array<{ label: string; fingerprint: string; testId: string }> }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={`请与${otherScreen}屏幕上显示的两个指纹逐字核对,完全一致才确认`} />
      <Descriptions bordered size="small" column={1}>
        {rows.map((r) => (
          <Descriptions.Item key={r.testId} label={r.label}>
            <Typography.Text code className="fingerprint" data-testid={r.testId}>
              {r.fingerprint}
            </Typography.Text>
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Space>
  )
}
