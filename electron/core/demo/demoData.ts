import { idCheckChar } from '../../../shared/validate/idNumber'
import type { Role } from '../../../shared/roles'
import { audit } from '../audit/service'
import { hashPin } from '../auth/pin'
import type { Ctx } from '../context'
import type { Writer } from '../db/connection'
import { rule } from '../errors'
import { newId } from '../ids'
import { initialsOf } from '../registry/residents'
import { unitSearchColumns } from '../registry/units'

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽浩宇轩然子涵博文一鸣晨阳志远'
const REGIONS = ['110101', '110105', '310104', '310115', '440305', '440106', '330106', '320102', '510107', '420106', '370202', '210102']
const MOBILE_PREFIX = ['138', '139', '136', '137', '150', '151', '158', '186', '187', '188', '135', '159', '177', '199']

/** Small deterministic PRNG so the demo site is the same every time (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = seed
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A checksum-correct but clearly fake ID number: sequence codes 990–999 are not issued in
 * practice, so demo IDs cannot be mistaken for real people's.
 */
export function fakeIdNumber(rand: () => number): string {
  const region = REGIONS[Math.floor(rand() * REGIONS.length)]
  const y = 1950 + Math.floor(rand() * 55)
  const m = 1 + Math.floor(rand() * 12)
  const d = 1 + Math.floor(rand() * 28)
  const seq = 990 + Math.floor(rand() * 10)
  const first17 = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`
  return first17 + idCheckChar(first17)
}

export const DEMO_PIN = '1234'
export const DEMO_STAFF: Array<{ staffNo: string; name: string; roles: Role[] }> = [
  { staffNo: 'Q001', name: '王晓丽', roles: ['clerk'] },
  { staffNo: 'Q002', name: '李娜', roles: ['clerk'] },
  { staffNo: 'Q003', name: '陈静', roles: ['clerk'] },
  { staffNo: 'G001', name: '赵敏', roles: ['admin', 'clerk'] },
  { staffNo: 'S001', name: '周建华', roles: ['supervisor'] },
  { staffNo: 'M001', name: '孙志远', roles: ['director'] },
  { staffNo: 'E001', name: '吴强', roles: ['engineering'] },
  { staffNo: 'A001', name: '郑军', roles: ['safety'] },
]

export interface DemoSize {
  buildings: number
  entrances: number
  floors: number
  roomsPerFloor: number
  residentsPerUnit: number
}
export const DEMO_SITE: DemoSize = { buildings: 12, entrances: 2, floors: 25, roomsPerFloor: 5, residentsPerUnit: 3 }

async function insertMany(w: Writer, table: string, cols: string[], rows: unknown[][]) {
  const per = Math.floor(900 / cols.length) // stay under SQLite's bound-parameter limit
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per)
    const ph = chunk.map(() => `(${cols.map(() => '?').join(',')})`).join(',')
    await w.run(`INSERT INTO ${table} (${cols.join(',')}) VALUES ${ph}`, chunk.flat())
  }
}

/** Fills an empty site with buildings, units, residents and staff for every role, in one transaction. */
export async function fillDemo(ctx: Ctx, size: DemoSize = DEMO_SITE, withStaff = true) {
  const rand = rng(20261124)
  const pinHash = withStaff ? await hashPin(DEMO_PIN) : ''
  return ctx.db.tx(async (w) => {
    const n = await w.get<{ n: number }>('SELECT count(*) AS n FROM units WHERE deleted_at IS NULL')
    if (n!.n > 0) throw rule('演示数据只能在还没有房屋的项目中生成')
    const at = ctx.now().toISOString()
    const meta = (id: string) => [id, at, at, ctx.terminalId, null]
    const base = ['id', 'created_at', 'updated_at', 'terminal_id', 'deleted_at']
    let staffCount = 0
    if (withStaff) {
      const existing = new Set((await w.all<{ staff_no: string }>('SELECT staff_no FROM staff')).map((s) => s.staff_no))
      const rows = DEMO_STAFF.filter((s) => !existing.has(s.staffNo)).map((s) => [...meta(newId()), s.staffNo, s.name, JSON.stringify(s.roles), null, pinHash, 1, 0, null])
      await insertMany(w, 'staff', [...base, 'staff_no', 'name', 'roles', 'phone', 'pin_hash', 'active', 'failed_attempts', 'locked_until'], rows)
      staffCount = rows.length
    }
    const bRows: unknown[][] = []
    const uRows: unknown[][] = []
    const rRows: unknown[][] = []
    let phoneSeq = 0
    // An ID number belongs to one person (the form refuses a second): draw again on a collision.
    const ids = new Set<string>()
    const uniqueId = () => {
      let id = fakeIdNumber(rand)
      while (ids.has(id)) id = fakeIdNumber(rand)
      ids.add(id)
      return id
    }
    for (let b = 1; b <= size.buildings; b++) {
      const bid = newId()
      bRows.push([...meta(bid), String(b), `${b}栋`])
      for (let e = 1; e <= size.entrances; e++)
        for (let f = 1; f <= size.floors; f++)
          for (let r = 1; r <= size.roomsPerFloor; r++) {
            const room = `${f}${String(r).padStart(2, '0')}`
            const uid = newId()
            const keys = unitSearchColumns(String(b), String(e), room)
            uRows.push([...meta(uid), bid, String(e), room, 60 + Math.round(rand() * 90), keys.roomKey, keys.roomRev])
            // Around residentsPerUnit on average: an owner, then family or tenants.
            const count = Math.max(1, Math.round(size.residentsPerUnit - 1 + rand() * 2))
            const surname = SURNAMES[Math.floor(rand() * SURNAMES.length)]
            for (let k = 0; k < count; k++) {
              const kind = k === 0 ? 'owner' : rand() < 0.8 ? 'family' : 'tenant'
              const s = kind === 'family' && rand() < 0.6 ? surname : SURNAMES[Math.floor(rand() * SURNAMES.length)]
              const len = rand() < 0.55 ? 1 : 2
              let given = ''
              for (let g = 0; g < len; g++) given += GIVEN[Math.floor(rand() * GIVEN.length)]
              const name = s + given
              phoneSeq++
              const phone = MOBILE_PREFIX[Math.floor(rand() * MOBILE_PREFIX.length)] + String(Math.floor(rand() * 1e4)).padStart(4, '0') + String(phoneSeq % 10000).padStart(4, '0')
              const moveIn = `20${String(10 + Math.floor(rand() * 16)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`
              rRows.push([...meta(newId()), uid, name, kind, phone, uniqueId(), moveIn, null, initialsOf(name), phone.slice(-4)])
            }
          }
    }
    await insertMany(w, 'buildings', [...base, 'code', 'name'], bRows)
    await insertMany(w, 'units', [...base, 'building_id', 'entrance', 'room', 'area_m2', 'room_key', 'room_rev'], uRows)
    await insertMany(w, 'residents', [...base, 'unit_id', 'name', 'kind', 'phone', 'id_number', 'move_in_date', 'note', 'initials', 'phone_tail'], rRows)
    const result = { buildings: bRows.length, units: uRows.length, residents: rRows.length, staff: staffCount }
    await audit(w, ctx, { action: 'demo.fill', entity: 'site', summary: `生成演示数据:${result.buildings}栋、${result.units}套房屋、${result.residents}位住户、${result.staff}名员工`, changes: result })
    return result
  })
}
