import { Alert, List, Typography } from 'antd'
import dayjs from 'dayjs'
import { useDesk } from '../api/hooks'

/**
 * On 主管工作台: single-use slips that two terminals each accepted while cut off from each other
 * (LAN sync). Both uses are kept; the supervisor follows up (who left with the goods twice?).
 */
export function DoubleUsesCard() {
  const q = useDesk('permit.doubleUses', {}, { refetchInterval: 60_000 })
  if (!q.data?.length) return <Alert type="success" showIcon message="没有重复使用的放行条" />
  return (
    <List
      data-testid="double-uses"
      dataSource={q.data}
      renderItem={(d) => (
        <List.Item>
          <Alert
            style={{ width: '100%' }}
            type="error"
            showIcon
            message={`${d.kindName} ${d.serial}(${d.unitLabel})被使用了 ${d.uses.length} 次`}
            description={
              <>
                {d.uses.map((u, i) => (
                  <div key={i}>
                    {dayjs(u.at).format('YYYY-MM-DD HH:mm')} · {u.terminal}
                    {u.staff ? ` · ${u.staff}` : ''}
                  </div>
                ))}
                <Typography.Text type="secondary">两台终端断网期间各自放行了同一张单据;同步后两次使用都已保留,请核实。</Typography.Text>
              </>
            }
          />
        </List.Item>
      )}
    />
  )
}
