import { Drawer, Empty, Timeline } from 'antd'
import { SPARE_KEY_MOVE_LABELS, type SpareKeyMove } from '../../../shared/spareKeys/schema'
import { useDesk } from '../api/hooks'
import { useWhen } from './when'

const ROLE = { owner: '业主', collector: '授权领取人', unlisted: '未登记' } as const

function line(m: SpareKeyMove, when: (at: string) => string) {
  const who = m.personRole ? `${m.personName}(${ROLE[m.personRole]}${m.idNumber ? ` ${m.idNumber}` : ''})` : m.personName
  const what = m.keyCount ? ` ${m.keyCount}把` : ''
  const bag = m.bagNo ? ` · 封袋 ${m.bagNo}` : ''
  const how = m.entry === 'reader' ? ' · 读卡器读入' : ''
  return `${when(m.at)} · ${m.receiptNo} · ${SPARE_KEY_MOVE_LABELS[m.move]}${what}${bag} · ${who}${how}${m.reason ? ` · ${m.reason}` : ''} · 经办 ${m.staffName}`
}

/** Everything that happened to a unit's spare keys, refusals in red: who asked, with which ID, why refused. */
export function SpareKeyHistory({ unitId, title, onClose }: { unitId: string | null; title: string; onClose: () => void }) {
  const h = useDesk('spareKey.history', { unitId: unitId ?? '' }, { enabled: !!unitId })
  const when = useWhen()
  return (
    <Drawer open={!!unitId} title={`${title} 寄存钥匙记录`} onClose={onClose} width={640} data-testid="spare-history">
      {h.data?.length ? (
        <Timeline items={h.data.map((m) => ({ color: m.move === 'refused' ? 'red' : m.move === 'release' ? 'orange' : m.move === 'close' ? 'gray' : 'green', children: <span data-testid={`spare-move-${m.move}`}>{line(m, (a) => when(a))}</span> }))} />
      ) : (
        <Empty description="暂无记录" />
      )}
    </Drawer>
  )
}
