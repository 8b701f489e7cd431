import type { CustodyItem } from '../../../shared/site/schema'
import type { Reader } from '../db/connection'
import { spareKeysHeld } from '../spareKeys/read'
import { parcelsHeld } from '../parcel/held'

/** A custody item as snapshotted when the handover started. */
export interface CustodySnapshot {
  code: string
  name: string
  unit: 'count' | 'fen'
  expected: number
  carry: boolean
  /** Computed from the desk's registers (custodyFromRecords.ts); absent in snapshots made before issue F. */
  fromRecords?: boolean
  /** What the records add beside the figure ('借出 2 把'). */
  detail?: string | null
}

/**
 * Custody lines computed from the desk's own records (issue F), added to every custody handover
 * (a shift handover with custody, a closing, and so the morning's acceptance of that closing).
 * The expected figure is what the records say at the snapshot (when the handover starts); the
 * clerks still type what they physically count, and a difference is red, explained and escalated
 * like any other count line (shared/duty/handoverRules.ts: these lines are not 'carry').
 *
 * Each provider reads one register and returns its lines. Codes start with "rec:" — a character
 * the settings' item codes cannot hold ([A-Za-z0-9_-]) — so a computed line never takes the counts
 * of a hand-counted one, and stay within the count input's 20 characters.
 *
 * LAN sync: every figure here is a sum over append-only facts (loans, returns, losses, stock
 * movements), so after a merge every terminal computes the same figure from the same facts.
 */
export type CustodyLineProvider = (r: Reader) => Promise<CustodySnapshot[]>

const line = (code: string, name: string, expected: number, detail: string | null): CustodySnapshot => ({
  code,
  name,
  unit: 'count',
  expected,
  carry: false,
  fromRecords: true,
  detail,
})

/**
 * 公共钥匙: what a clerk physically counts is the keys hanging on the board, so the line is the
 * copies on their hooks (register copies less lost, less out); keys out are shown beside it.
 * Only when the register holds keys: a site not using it counts nothing new.
 */
export const publicKeysOnHooks: CustodyLineProvider = async (r) => {
  const row = await r.get<{ n: number; copies: number | null; lost: number | null; out: number | null; overdue: number | null }>(
    `SELECT count(*) AS n, sum(k.copies) AS copies,
        sum((SELECT count(*) FROM key_losses x WHERE x.key_id = k.id)) AS lost,
        sum((SELECT count(*) FROM key_loans l WHERE l.key_id = k.id
               AND NOT EXISTS (SELECT 1 FROM key_returns rt WHERE rt.loan_id = l.id)
               AND NOT EXISTS (SELECT 1 FROM key_losses x WHERE x.loan_id = l.id))) AS out
       FROM keys k WHERE k.deleted_at IS NULL`,
  )
  if (!row?.n) return []
  const copies = row.copies ?? 0
  const lost = row.lost ?? 0
  const out = row.out ?? 0
  // A copy lent twice offline (LAN sync, KeyRow.overLent) would make this negative: the board holds none.
  const onHooks = Math.max(0, copies - lost - out)
  return [line('rec:keys-hook', '公共钥匙(挂板在位)', onHooks, `登记 ${copies - lost} 把,借出 ${out} 把`)]
}

/** 门禁卡库存: blank cards at the desk per card kind (received − issued − spoiled). */
export const cardStockPerKind: CustodyLineProvider = async (r) => {
  const rows = await r.all<{ id: string; code: string; name: string; onHand: number }>(
    `SELECT k.id, k.code, k.name, COALESCE(SUM(CASE m.move WHEN 'received' THEN m.count ELSE -m.count END), 0) AS onHand
       FROM card_kinds k LEFT JOIN card_stock m ON m.kind_id = k.id
      WHERE k.deleted_at IS NULL GROUP BY k.id ORDER BY k.code`,
  )
  return rows.map((k) => {
    const code = `rec:card:${k.code}`
    return line(code.length <= 20 ? code : `rec:card:${k.id.slice(-11)}`, `${k.name}空白卡库存`, k.onHand, null)
  })
}

/**
 * 业主寄存钥匙: the owners' keys in the cabinet now (deposited, not out, not closed), as counted by
 * spareKeysHeld; bags out with a collector are shown beside it. Only once the site has used it.
 */
export const spareKeysInCabinet: CustodyLineProvider = async (r) => {
  const any = await r.get<{ n: number }>('SELECT count(*) AS n FROM spare_key_deposits')
  if (!any?.n) return []
  const held = await spareKeysHeld(r)
  const out = await r.get<{ n: number }>(
    `SELECT count(*) AS n FROM spare_key_deposits d
      WHERE NOT EXISTS (SELECT 1 FROM spare_key_moves c WHERE c.deposit_id = d.id AND c.move = 'close')
        AND (SELECT m.move FROM spare_key_moves m WHERE m.deposit_id = d.id AND m.move IN ('release', 'return') ORDER BY m.at DESC, m.id DESC LIMIT 1) = 'release'`,
  )
  return [line('rec:spare-keys', '业主寄存钥匙(在柜)', held, out?.n ? `另有 ${out.n} 袋已领出未还` : null)]
}

/** 代收邮件: parcels waiting on the shelves (issue G); only once the site has taken one in. */
export const parcelsOnShelves: CustodyLineProvider = async (r) => {
  const p = await parcelsHeld(r)
  return p ? [line('rec:parcels', '代收邮件(在架待领)', p.held, p.registered ? `其中挂号信/特殊邮件 ${p.registered} 件` : null)] : []
}

/** In screen order: keys on the board, (spare keys held), card stock per kind, (parcels held). */
export const CUSTODY_PROVIDERS: CustodyLineProvider[] = [publicKeysOnHooks, spareKeysInCabinet, cardStockPerKind, parcelsOnShelves]

export async function custodyFromRecords(r: Reader): Promise<CustodySnapshot[]> {
  const out: CustodySnapshot[] = []
  for (const p of CUSTODY_PROVIDERS) out.push(...(await p(r)))
  return out
}

/**
 * Hand-counted lines of the default lists that a computed line replaces: 门禁卡库存 (code 'cards')
 * by the stock per card kind, 钥匙 (code 'keys', a fixed 20) by the keys on the board.
 * Decision: new sites no longer get 门禁卡库存 (DEFAULT_CUSTODY_ITEMS); 钥匙 stays in the default for
 * sites that do not keep the key register. A site's settings are never changed here — the item stays
 * where the administrator put it, and past handovers keep their counts in their own snapshots — but
 * a new handover leaves such a line out whenever the records give the line that replaces it: two
 * lines for one shelf would ask the clerks to count it twice, against two figures that could
 * disagree. Without card kinds (or keys in the register) the hand count goes on as before.
 */
const REPLACED: Array<{ by: (code: string) => boolean; codes: string[]; names: string[] }> = [
  { by: (c) => c.startsWith('rec:card:'), codes: ['cards'], names: ['门禁卡库存'] },
  { by: (c) => c === 'rec:keys-hook', codes: ['keys'], names: ['钥匙'] },
  // 代收快递 (carried from the last count) once the parcel register counts the shelves.
  { by: (c) => c === 'rec:parcels', codes: ['parcels'], names: ['代收快递'] },
]

export function supersededByRecords(item: CustodyItem, computed: CustodySnapshot[]): boolean {
  return REPLACED.some((x) => (x.codes.includes(item.code) || x.names.includes(item.name)) && computed.some((c) => x.by(c.code)))
}
