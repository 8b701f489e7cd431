import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk, type Core } from '../../electron/core/app'
import type { Reader } from '../../electron/core/db/connection'
import { fillDemo } from '../../electron/core/demo/demoData'
import { search } from '../../electron/core/registry/search'
import { freshCore, setUpSite } from '../helpers/core'

let core: Core
let token: string
const titles = async (q: string, limit = 12) => (await callOk(core, 'search.query', { q, limit }, token)).map((h) => h.title)

/** A generated site (3 buildings × 2 entrances × 16 floors × 2 rooms) plus people the tests name. */
beforeAll(async () => {
  core = await freshCore()
  token = await setUpSite(core)
  const me = (await callOk(core, 'auth.me', {}, token)).staff
  await fillDemo({ db: core.db, terminalId: 'T', now: () => new Date(), staff: me, token, sessions: undefined as never, backupDir: '' }, { buildings: 3, entrances: 2, floors: 16, roomsPerFloor: 2, residentsPerUnit: 2 }, false)
  const unit = async (b: string, e: string, r: string) => (await callOk(core, 'search.query', { q: `${b}-${e}-${r}`, limit: 1 }, token))[0].unitId
  const add = async (unitId: string, name: string, phone: string) => callOk(core, 'resident.create', { unitId, name, kind: 'family', phone }, token)
  const u3 = await unit('3', '2', '1502')
  await add(u3, '张伟', '13712340001')
  await add(await unit('1', '1', '1502'), '张伟', '13712340002')
  await add(await unit('2', '1', '301'), '张伟明', '13712340003')
  await add(u3, '周婉', '13712340004')
  await add(u3, '赵文', '13712340005')
  await add(u3, '欧阳晓丽', '13987659876')
  await add(u3, '单晓红', '13987650001')
  const gone = await add(u3, '司马懿', '13700000000')
  await callOk(core, 'resident.remove', { id: gone.id, reason: '搬离' }, token)
})
afterAll(async () => core?.close())

describe('type-ahead: rooms in every written form', () => {
  it.each(['03-02-1502', '3 2 1502', '３-２-１５０２', '3栋2单元1502', '3号楼2单元1502室', '3#2-1502'])('%s finds 3栋2单元1502 first', async (q) => {
    expect((await titles(q))[0]).toBe('3栋2单元1502')
  })

  it('"3-1502" lists room 1502 of building 3 in each entrance', async () => {
    expect((await titles('3-1502')).slice(0, 2)).toEqual(['3栋1单元1502', '3栋2单元1502'])
  })

  it('a room alone lists it across buildings, exact rooms first, then phones, then rooms ending with it', async () => {
    const t = await titles('1502')
    expect(t.slice(0, 6)).toEqual(['1栋1单元1502', '1栋2单元1502', '2栋1单元1502', '2栋2单元1502', '3栋1单元1502', '3栋2单元1502'])
    const tail = await titles('02')
    expect(tail.length).toBe(12)
    expect(tail.every((x) => /02$/.test(x))).toBe(true)
    expect(tail[0]).toBe('1栋1单元102') // the shortest rooms ending in 02 come first
    const room301 = await titles('0301')
    expect(room301.slice(0, 2)).toEqual(['1栋1单元301', '1栋2单元301'])
    expect(room301).toContain('3栋2单元301')
  })

  it('digits that are a room and a phone tail show both', async () => {
    const t = await titles('9876')
    expect(t).toContain('欧阳晓丽(家属)')
  })
})

describe('type-ahead: names, initials, phones', () => {
  it('a 2-character name: the exact name first, then longer names', async () => {
    const t = await titles('张伟')
    expect(t.slice(0, 3)).toEqual(['张伟(家属)', '张伟(家属)', '张伟明(家属)'])
  })

  it('a 1-character name lists people with that surname', async () => {
    const t = await titles('张')
    expect(t.length).toBeGreaterThanOrEqual(3)
    expect(t.every((x) => x.startsWith('张'))).toBe(true)
  })

  it('the middle of a name ("晓丽", "伟明"), never a removed resident', async () => {
    expect(await titles('晓丽')).toContain('欧阳晓丽(家属)')
    expect(await titles('伟明')).toEqual(['张伟明(家属)'])
    expect(await titles('马懿')).toEqual([])
    expect(await titles('司马')).toEqual([])
  })

  it('"zw" shows 张伟 first, before 周婉 and 赵文', async () => {
    const t = await titles('zw')
    expect(t.slice(0, 2)).toEqual(['张伟(家属)', '张伟(家属)'])
    expect(t).toContain('周婉(家属)')
    expect(t.indexOf('周婉(家属)')).toBeGreaterThan(1)
    expect((await titles('ZW'))[0]).toBe('张伟(家属)')
    expect(await titles('sxh')).toContain('单晓红(家属)') // 单 as a surname reads shan
    expect(await titles('oyxl')).toContain('欧阳晓丽(家属)')
  })

  it('phone: the last four, digits from the start, digits from the end', async () => {
    expect(await titles('0003')).toContain('张伟明(家属)')
    expect(await titles('1371234000')).toHaveLength(5)
    expect(await titles('12340004')).toEqual(['周婉(家属)'])
    expect(await titles('13987659876')).toEqual(['欧阳晓丽(家属)'])
  })

  it('nothing found is an empty list, not an error', async () => {
    expect(await titles('不存在的人')).toEqual([])
    expect(await titles('99-9-9999')).toEqual([])
  })
})

describe('type-ahead: every statement uses an index', () => {
  it('EXPLAIN QUERY PLAN of every query each kind runs shows no scan of a table or a whole index', async () => {
    const statements: Array<{ sql: string; params: unknown[] }> = []
    const r = core.db.read
    const recording: Reader = {
      orm: r.orm,
      all: (sql, params = []) => (statements.push({ sql, params }), r.all(sql, params)),
      get: (sql, params = []) => (statements.push({ sql, params }), r.get(sql, params)),
    }
    for (const q of ['3-2-1502', '3-2-15', '3-1502', '3-2', '1502', '02', '张', '张伟', '伟明', 'zw', 'z', '9876', '1371234', '12340004']) await search(recording, q, 12)
    expect(statements.length).toBeGreaterThan(20)
    for (const s of statements) {
      const plan = (await r.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${s.sql}`, s.params)).map((p) => p.detail)
      // A scan of a table or of a whole index is refused; scanning a subquery's own few rows is not.
      const scans = plan.filter((d) => /^SCAN (?!\(subquery|CONSTANT ROW)/.test(d))
      expect({ sql: s.sql.replace(/\s+/g, ' ').slice(0, 120), scans }).toEqual({ sql: s.sql.replace(/\s+/g, ' ').slice(0, 120), scans: [] })
    }
    const plans = (await Promise.all(statements.map((s) => r.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${s.sql}`, s.params)))).flat().map((p) => p.detail).join('\n')
    for (const index of ['units_room_key_uq', 'units_room_rev', 'residents_name', 'SEARCH p USING PRIMARY KEY (part>', 'residents_initials', 'residents_phone_tail', 'residents_phone']) expect(plans).toContain(index)
  })
})
