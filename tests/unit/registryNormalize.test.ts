import { describe, expect, it } from 'vitest'
import { rankByCommonness } from '../../shared/registry/commonNames'
import { checkImportRow } from '../../shared/registry/importRow'
import { guessMapping, kindOf, refusedRowsCsv } from '../../shared/registry/importSchema'
import { halfWidth, normBuilding, normEntrance, normRoom, parseDate, parseRoomQuery, reversed, roomKey } from '../../shared/registry/normalize'

describe('address parts as people write them', () => {
  it.each([
    ['3', '3'], ['3栋', '3'], ['3号楼', '3'], ['3#', '3'], ['3#楼', '3'], ['03', '3'], ['第3栋', '3'], ['３栋', '3'],
    ['十二栋', '12'], ['二十栋', '20'], ['A座', 'A'], ['b栋', 'B'], [' 3 栋 ', '3'], ['0', '0'],
  ])('building %s → %s', (raw, want) => expect(normBuilding(raw)).toBe(want))

  it.each([['2', '2'], ['2单元', '2'], ['02', '2'], ['二单元', '2'], ['', ''], ['２单元', '2']])('entrance %s → %s', (raw, want) => expect(normEntrance(raw)).toBe(want))

  it.each([['0301', '301'], ['301', '301'], ['301室', '301'], ['１５０２', '1502'], ['b01', 'B01'], ['000', '0'], ['1502号', '1502']])('room %s → %s', (raw, want) =>
    expect(normRoom(raw)).toBe(want),
  )

  it('one key whatever the writing, and the tail index reads backwards', () => {
    expect(roomKey('3栋', '2单元', '0301')).toBe('3-2-301')
    expect(roomKey('3号楼', '02', '301室')).toBe(roomKey('3', '2', '301'))
    expect(roomKey('3#', '', '101')).toBe('3--101')
    expect(reversed('1502')).toBe('2051')
    expect(halfWidth('３-２-１５０２　ＺＷ')).toBe('3-2-1502 ZW')
  })
})

describe('room queries', () => {
  it.each([
    ['03-02-1502', { building: '3', entrance: '2', room: '1502', typed: '1502' }],
    ['3 2 1502', { building: '3', entrance: '2', room: '1502', typed: '1502' }],
    ['３-２-１５０２', { building: '3', entrance: '2', room: '1502', typed: '1502' }],
    ['3栋2单元1502', { building: '3', entrance: '2', room: '1502', typed: '1502' }],
    ['3号楼2单元1502室', { building: '3', entrance: '2', room: '1502', typed: '1502' }],
    ['3#2-1502', { building: '3', entrance: '2', room: '1502', typed: '1502' }],
    ['3-1502', { building: '3', room: '1502', typed: '1502' }],
    ['A座1502', { building: 'A', room: '1502', typed: '1502' }],
    ['1502', { room: '1502', typed: '1502' }],
    ['02', { room: '2', typed: '02' }],
    ['0301', { room: '301', typed: '0301' }],
  ])('%s is a room', (q, want) => expect(parseRoomQuery(q)).toEqual(want))

  it.each(['zw', '张伟', 'ZW', '3-A', '1-2-3-4', '', '晓丽'])('%s is not a room', (q) => expect(parseRoomQuery(q)).toBeNull())
})

describe('dates as sites write them', () => {
  it.each([
    ['2019-05-01', '2019-05-01'], ['2019/5/1', '2019-05-01'], ['2019.5.1', '2019-05-01'], ['2020年3月8日', '2020-03-08'],
    ['2020 年 3 月 8 日', '2020-03-08'], ['20190501', '2019-05-01'], ['43586', '2019-05-01'], ['43586.5', '2019-05-01'],
    ['2019/5/1 0:00', '2019-05-01'], ['2019-05-01 08:30:00', '2019-05-01'], ['２０２０年３月８日', '2020-03-08'], ['2024-02-29', '2024-02-29'],
  ])('%s → %s', (raw, want) => expect(parseDate(raw)).toBe(want))

  it.each(['2020-13-45', '2023-02-29', '2019', '明年', '5/1/2019', '99999', '1899-12-31'])('%s is refused', (raw) => expect(parseDate(raw)).toBeNull())
})

describe('import columns and rows', () => {
  it('maps synonym headers, each header once, ignoring spaces, * and notes in brackets', () => {
    expect(guessMapping(['楼号', '单元号', '房间号', '住户姓名', '身份', '联系电话', '身份证号码', '入住时间'])).toEqual({
      building: '楼号', entrance: '单元号', room: '房间号', name: '住户姓名', kind: '身份', phone: '联系电话', idNumber: '身份证号码', moveInDate: '入住时间',
    })
    expect(guessMapping(['*栋', '室', '姓名(必填)', '住户类型', '手机号', '电话'])).toMatchObject({ building: '*栋', room: '室', name: '姓名(必填)', kind: '住户类型', phone: '电话', entrance: null })
    expect(guessMapping(['a', 'b'])).toMatchObject({ building: null, phone: null })
  })

  it('reads kinds as sites write them', () => {
    expect([kindOf('业主'), kindOf('产权人'), kindOf('房东'), kindOf('租客'), kindOf('承租人'), kindOf('家庭成员'), kindOf(' 配偶 '), kindOf('保姆')]).toEqual([
      'owner', 'owner', 'owner', 'tenant', 'tenant', 'family', 'family', null,
    ])
  })

  const row = { building: '3栋', entrance: '2单元', room: '0301', name: '张伟', kind: '业主', phone: '１３８１２３４５６７８', idNumber: '11010519491231002x', moveInDate: '2019/5/1' }
  it('normalises a good row', () => {
    expect(checkImportRow(row)).toEqual({
      data: { building: '3', entrance: '2', room: '301', key: '3-2-301', name: '张伟', kind: 'owner', phone: '13812345678', idNumber: '11010519491231002X', moveInDate: '2019-05-01' },
    })
  })
  it('reports every problem of a row with the refused value', () => {
    expect(checkImportRow({ ...row, building: '南区', room: '', kind: '保姆', moveInDate: '去年' })).toEqual({
      problems: [
        { field: '楼栋', value: '南区', message: '楼栋号无法识别(例如 3、3栋、3号楼、3#)' },
        { field: '房号', value: '', message: '房号不能为空' },
        { field: '类型', value: '保姆', message: '类型应为 业主/租户/家属(也认 产权人、租客、家庭成员 等)' },
        { field: '入住日期', value: '去年', message: '入住日期无法识别(例如 2019-05-01、2019/5/1、2020年3月8日)' },
      ],
    })
  })

  it('takes the whole address from 房号 when it is written there, and refuses it when it disagrees', () => {
    const blank = { ...row, building: '', entrance: '' }
    expect(checkImportRow({ ...blank, room: '3-2-1502' })).toMatchObject({ data: { building: '3', entrance: '2', room: '1502', key: '3-2-1502' } })
    expect(checkImportRow({ ...row, room: '3栋2单元1502室' })).toMatchObject({ data: { key: '3-2-1502' } })
    expect(checkImportRow({ ...row, entrance: '', room: '3-1502' })).toMatchObject({ data: { key: '3--1502' } })
    expect(checkImportRow({ ...row, building: '5', room: '3-2-1502' })).toMatchObject({ problems: [{ field: '房号', value: '3-2-1502', message: '房号中的楼栋(3)与楼栋列(5)不一致' }] })
    expect(checkImportRow({ ...row, room: '3-1-1502' })).toMatchObject({ problems: [{ field: '房号', message: '房号中的单元(1)与单元列(2)不一致' }] })
    expect(checkImportRow({ ...blank, room: '1502' })).toMatchObject({ problems: [{ field: '楼栋', message: '楼栋不能为空(也可在房号中写全,如 3-2-1502)' }] })
  })

  it('writes refused rows as a CSV Excel opens: BOM, quotes where needed, the file\'s columns first', () => {
    const csv = refusedRowsCsv(['楼栋', '姓名'], [{ row: 3, cells: ['3', '张"伟",x'], reasons: '姓名:有误' }])
    expect(csv).toBe('\uFEFF楼栋,姓名,原行号,未导入原因\r\n3,"张""伟"",x",3,姓名:有误\r\n')
  })
})

describe('ranking by how common a name is', () => {
  it('puts 张伟 first among people whose initials are zw', () => {
    const people = ['赵文', '周婉', '郑伟', '张文', '张伟', '朱伟', '张婉', '周伟', '周伟'].map((name, i) => ({ name, i }))
    const ranked = rankByCommonness(people).map((p) => p.name)
    expect(ranked[0]).toBe('张伟')
    expect(ranked[1]).toBe('周伟') // twice at this site
    expect(ranked.indexOf('张文')).toBeLessThan(ranked.indexOf('赵文')) // 张 is a commoner surname than 赵
  })
})
