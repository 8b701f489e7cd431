import { optionalIdNumber, phone, text } from '../validate/fields'
import { IMPORT_FIELD_LABELS, kindOf, type ImportField } from './importSchema'
import { halfWidth, normBuilding, normEntrance, normRoom, parseDate, parseRoomQuery, roomKey } from './normalize'
import type { ResidentKind } from './schema'

export interface ImportRowData {
  building: string
  entrance: string
  room: string
  key: string
  name: string
  kind: ResidentKind
  phone: string
  idNumber: string | null
  moveInDate: string | null
}

export interface ImportRowProblem {
  field: string
  value: string
  message: string
}

// Built once: a site file has thousands of rows.
const nameField = text('姓名', 30)
const phoneField = phone('电话')
const idField = optionalIdNumber('身份证号')

/**
 * One file row, read as people write it and checked with the resident form's own field rules.
 * Every problem of the row is reported (not only the first), each with the value that was refused.
 */
export function checkImportRow(v: Record<ImportField, string>): { data: ImportRowData } | { problems: ImportRowProblem[] } {
  const problems: ImportRowProblem[] = []
  const refuse = (f: ImportField, message: string) => problems.push({ field: IMPORT_FIELD_LABELS[f], value: v[f], message })

  let building = normBuilding(v.building)
  let entrance = normEntrance(v.entrance)
  let room = normRoom(v.room)
  // The whole address written in 房号 ("3-2-1502", "3栋2单元1502室"): taken apart, and it must agree
  // with the 楼栋 and 单元 columns where they are filled.
  const whole = /[-#栋幢座单元\s_./]/.test(halfWidth(v.room).trim()) ? parseRoomQuery(v.room) : null
  let roomOk = true
  if (whole?.building !== undefined) {
    if (v.building.trim() && whole.building !== building) {
      refuse('room', `房号中的楼栋(${whole.building})与楼栋列(${building})不一致`)
      roomOk = false
    } else if (whole.entrance !== undefined && v.entrance.trim() && whole.entrance !== entrance) {
      refuse('room', `房号中的单元(${whole.entrance})与单元列(${entrance})不一致`)
      roomOk = false
    } else {
      building = whole.building
      entrance = whole.entrance ?? entrance
      room = whole.room
    }
  }
  if (!building) refuse('building', '楼栋不能为空(也可在房号中写全,如 3-2-1502)')
  else if (!/^[A-Z0-9-]{1,10}$/.test(building)) refuse('building', '楼栋号无法识别(例如 3、3栋、3号楼、3#)')
  if (!/^[A-Z0-9]{0,6}$/.test(entrance)) refuse('entrance', '单元号无法识别(例如 2、2单元)')
  if (!v.room.trim()) refuse('room', '房号不能为空')
  else if (roomOk && !/^[A-Z0-9-]{1,10}$/.test(room)) refuse('room', '房号无法识别(例如 1502、0301、301室)')

  const name = nameField.safeParse(v.name)
  if (!name.success) refuse('name', name.error.issues[0].message)
  const kind = kindOf(v.kind)
  if (!kind) refuse('kind', v.kind.trim() ? '类型应为 业主/租户/家属(也认 产权人、租客、家庭成员 等)' : '类型不能为空')
  const tel = phoneField.safeParse(halfWidth(v.phone))
  if (!tel.success) refuse('phone', tel.error.issues[0].message)

  let idNumber: string | null = null
  const idRaw = halfWidth(v.idNumber).replace(/\s/g, '')
  if (/e\+/i.test(idRaw)) refuse('idNumber', '身份证号被 Excel 存成了数字(科学计数法),末几位已丢失:请把该列设为文本后重新填写')
  else {
    const id = idField.safeParse(idRaw)
    if (!id.success) refuse('idNumber', id.error.issues[0].message)
    else idNumber = id.data ?? null
  }

  let moveInDate: string | null = null
  if (v.moveInDate.trim()) {
    moveInDate = parseDate(v.moveInDate)
    if (!moveInDate) refuse('moveInDate', '入住日期无法识别(例如 2019-05-01、2019/5/1、2020年3月8日)')
  }

  if (problems.length || !name.success || !kind || !tel.success) return { problems }
  return {
    data: { building, entrance, room, key: roomKey(building, entrance, room), name: name.data, kind, phone: tel.data, idNumber, moveInDate },
  }
}
