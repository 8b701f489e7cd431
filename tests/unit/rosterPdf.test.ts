import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { rosterDoc } from '../../electron/core/print/docs/roster'
import { renderPdf } from '../../electron/core/print/pdf'
import type { LeaveRow, RosterSlot, RosterStaff, RosterView } from '../../shared/duty/rosterSchema'
import { datesOfMonth } from '../../shared/time/calendar'
import type { ShiftPattern } from '../../shared/site/schema'
import { pdfPageCount, pdfText } from '../helpers/pdf'

const SITE = { name: '阳光花园', office: '阳光花园物业服务中心', timeZone: 'Asia/Shanghai', phone: '0755-86001234' }
const SHIFTS: ShiftPattern[] = [
  { code: 'early', name: '早班', start: '07:30', end: '15:30' },
  { code: 'late', name: '晚班', start: '12:00', end: '20:00' },
  { code: 'night', name: '夜值', start: '22:00', end: '08:00' },
]
// A rare character among the names: the full font travels with the PDF.
const NAMES = ['李娜', '王芳', '张伟', '陈静', '欧阳晓丽', '刘龑']

/** December 2026 (31 days), six people on a rotation, one approved 替班 on the 6th. */
function december(status: RosterView['status'] = 'published'): RosterView {
  const month = '2026-12'
  const dates = datesOfMonth(month)
  const staff: RosterStaff[] = NAMES.map((name, i) => ({ id: `s${i}`, staffNo: `Q${i + 1}`, name, roles: ['clerk'], active: true }))
  const slots: RosterSlot[] = []
  dates.forEach((date, d) =>
    staff.forEach((s, i) => {
      const k = (d + i) % 6
      if (k > 2) return // three on, three off
      const p = SHIFTS[k]
      slots.push({ id: `${s.id}-${date}`, date, staffId: s.id, staffName: s.name, shiftCode: p.code, shiftName: p.name, startsAt: null, endsAt: null, plannedStaffId: null, plannedStaffName: null, leaveId: null })
    }),
  )
  const held = slots.find((s) => s.date === '2026-12-06' && s.shiftCode === 'early')!
  const leave: LeaveRow = {
    id: 'L1',
    kind: 'cover',
    staffId: held.staffId,
    staffName: held.staffName,
    date: held.date,
    shiftCode: 'early',
    shiftName: '早班',
    reason: '家中有事',
    status: 'approved',
    requestedAt: '2026-12-01T02:00:00.000Z',
    decidedAt: '2026-12-01T03:00:00.000Z',
    decidedByName: '陈静',
    note: null,
    substituteId: 's5',
    substituteName: '刘龑',
    swapDate: null,
    swapShiftCode: null,
  }
  const i = slots.indexOf(held)
  slots[i] = { ...held, id: 'sub', staffId: 's5', staffName: '刘龑', plannedStaffId: held.staffId, plannedStaffName: held.staffName, leaveId: 'L1' }
  return {
    month,
    status,
    publishedAt: status === 'published' ? '2026-11-24T06:30:00.000Z' : null,
    publishedByName: status === 'published' ? '赵敏' : null,
    printable: status === 'published',
    dates,
    emptyDays: [],
    shifts: SHIFTS,
    staff,
    slots,
    changes: [leave],
  }
}

describe('排班表 PDF', () => {
  it('prints the published month on one A4 landscape page: title, names, legend, signatures', async () => {
    const buf = await renderPdf(rosterDoc(SITE, december(), '2026-11-24 14:40'))
    expect(await pdfPageCount(buf)).toBe(1)
    const [page] = await pdfText(buf)
    expect(page).toContain('2026-12 排班表')
    expect(page).toContain('阳光花园物业服务中心 · 服务中心电话:0755-86001234')
    for (const name of NAMES) expect(page).toContain(name)
    expect(page).toContain('早 = 早班 07:30–15:30')
    expect(page).toContain('晚 = 晚班 12:00–20:00')
    expect(page).toContain('夜 = 夜值 22:00–次日08:00')
    expect(page).toContain('发布人:赵敏')
    expect(page).toContain('发布时间:2026-11-24 14:30')
    expect(page).toContain('编制人')
    expect(page).toContain('审核人(客服主管)')
    expect(page).toContain('打印时间:2026-11-24 14:40')
    expect(page).toContain('第 1 页 / 共 1 页')
    // Every day of the month is a column.
    expect(page).toContain('31')

    // A4 landscape: 841.89 × 595.28 pt.
    const raw = buf.toString('latin1')
    expect(raw).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/)

    if (process.env.ROSTER_PNG) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-pdf-'))
      fs.writeFileSync(path.join(dir, 'roster.pdf'), buf)
      execFileSync('pdftoppm', ['-png', '-r', process.env.ROSTER_PNG, path.join(dir, 'roster.pdf'), path.join(process.env.ROSTER_PNG_DIR ?? dir, 'roster')])
      console.log('roster PNG in', process.env.ROSTER_PNG_DIR ?? dir)
    }
  })

  it('fits sixteen people on one page; a bigger desk continues with the day header repeated', async () => {
    const v = december()
    const more = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `x${i}`, staffNo: `X${i}`, name: `员工${i + 1}`, roles: ['clerk'], active: true }))
    for (const n of [4, 10]) expect(await pdfPageCount(await renderPdf(rosterDoc(SITE, { ...v, staff: [...v.staff, ...more(n)] }, '2026-11-24 14:40')))).toBe(1)
    const pages = await pdfText(await renderPdf(rosterDoc(SITE, { ...v, staff: [...v.staff, ...more(30)] }, '2026-11-24 14:40')))
    expect(pages).toHaveLength(2)
    expect(pages[1]).toContain('姓名')
    expect(pages[1]).toContain('班数')
    expect(pages[1]).toContain('第 2 页 / 共 2 页')
    expect(pages[1]).toContain('审核人(客服主管)')
  })

  it('refuses a month that is not published', () => {
    expect(() => rosterDoc(SITE, december('draft'), '2026-11-24 14:40')).toThrow('2026-12 排班表尚未发布')
    expect(() => rosterDoc(SITE, { ...december('draft'), status: 'none' }, '2026-11-24 14:40')).toThrow(/[\u4e00-\u9fff]/)
  })
})
