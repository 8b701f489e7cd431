import type { z } from 'zod'
import { DEFAULT_MOVE_IN_DOCUMENTS, MOVE_IN_COUNT_LABELS, MOVE_IN_COUNT_UNITS, MOVE_IN_COUNTS, MOVE_IN_DOCUMENTS_KEY, moveInDocumentsSetting, type moveInCardInput, type moveInSignInput, type moveInStartInput, type moveInUpdateInput, type MoveInRow } from '../../../shared/moveIn/schema'
import type { CardRow } from '../../../shared/cards/schema'
import { audit } from '../audit/service'
import { issueCardIn } from '../cards/issue'
import { iso, newRowMeta, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { takeSeriesSerial } from '../db/serials'
import { addLinkedEntry, linkedFollowUp } from '../duty/linkedEntry'
import { notFound, rule } from '../errors'
import { newId } from '../ids'
import { unitOf } from '../permit/applicant'
import { readDeskSetting, writeDeskSetting } from '../site/deskSettings'
import { moveInRow } from './read'
import { siteZone } from '../reception/siteZone'
import { localDate } from '../../../shared/time/zone'

/**
 * 入住手续: the checklist is an editable row until the new owner signs (a fact, once); its access cards
 * are issued by the card register's own service in the same transaction and linked as facts. The
 * move-in stands in the duty log as one linked entry (kind 'visit', source 'moveIn'), closed at signing.
 *
 * Several terminals (issue H): the serial RZ-YYYY-NNNN comes from takeSeriesSerial, which will take the
 * terminal's own series; two terminals editing the same unsigned checklist resolve per column by the
 * clock; a signature is a fact keyed by the move-in (unique on one database; two signatures merged from
 * two terminals would both be kept and the earlier one printed).
 */

export const readDocuments = (r: Reader) => readDeskSetting(r, MOVE_IN_DOCUMENTS_KEY, moveInDocumentsSetting, DEFAULT_MOVE_IN_DOCUMENTS)

export async function saveDocuments(ctx: Ctx, documents: string[]): Promise<string[]> {
  return ctx.db.tx(async (w) => {
    await writeDeskSetting(w, ctx, MOVE_IN_DOCUMENTS_KEY, documents, `入住交接资料清单:${documents.join('、') || '(空)'}`)
    return readDocuments(w)
  })
}

type Checklist = Pick<z.output<typeof moveInStartInput>, 'doorKeys' | 'electricityCards' | 'waterCards' | 'mailboxKeys' | 'documents'>

/** Only documents of the site's list can be ticked (a name not on it is refused, naming the field). */
async function checkDocuments(r: Reader, docs: string[]) {
  const list = await readDocuments(r)
  const stray = docs.find((d) => !list.includes(d))
  if (stray) throw rule(`资料「${stray}」不在项目设置的入住资料清单中`, 'documents')
  if (new Set(docs).size !== docs.length) throw rule('资料重复勾选', 'documents')
}

const describe = (c: Checklist) =>
  [...MOVE_IN_COUNTS.map((k) => `${MOVE_IN_COUNT_LABELS[k]} ${c[k]} ${MOVE_IN_COUNT_UNITS[k]}`), c.documents.length ? `资料:${c.documents.join('、')}` : '资料:无'].join(',')

async function ownerOf(r: Reader, unitId: string, residentId: string, field: string) {
  const o = await r.get<{ id: string; name: string; kind: string; unitId: string }>('SELECT id, name, kind, unit_id AS unitId FROM residents WHERE id = ? AND deleted_at IS NULL', [residentId])
  if (!o || o.unitId !== unitId || o.kind !== 'owner') throw rule('签字人须是该房屋在住户登记中的业主', field)
  return o
}

async function openMoveIn(w: Writer, id: string): Promise<MoveInRow> {
  const m = await moveInRow(w, id)
  if (!m) throw notFound('入住手续')
  if (m.signedAt) throw rule(`入住手续 ${m.serial} 已由业主签字,不能再修改`, 'id')
  return m
}

export async function startMoveIn(ctx: Ctx, i: z.output<typeof moveInStartInput>): Promise<MoveInRow> {
  return ctx.db.tx(async (w) => {
    const unit = await unitOf(w, i.unitId)
    const owner = await ownerOf(w, i.unitId, i.ownerResidentId, 'ownerResidentId')
    await checkDocuments(w, i.documents)
    const open = await w.get<{ serial: string }>('SELECT m.serial FROM move_ins m WHERE m.unit_id = ? AND m.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM move_in_signatures s WHERE s.move_in_id = m.id)', [i.unitId])
    if (open) throw rule(`${unit.label} 已有未签字的入住手续 ${open.serial},请在其中继续办理`, 'unitId')
    const m = newRowMeta(ctx, newId())
    const serial = await takeSeriesSerial(w, 'moveIn', 'RZ', Number(localDate(m.createdAt, await siteZone(w)).slice(0, 4)), m.createdAt)
    await w.run(
      `INSERT INTO move_ins (id, created_at, updated_at, terminal_id, deleted_at, serial, unit_id, owner_resident_id, door_keys, electricity_cards, water_cards, mailbox_keys, documents, note, staff_id)
       VALUES (?,?,?,?,NULL,?,?,?,?,?,?,?,?,?,?)`,
      [m.id, m.createdAt, m.updatedAt, m.terminalId, serial, unit.id, owner.id, i.doorKeys, i.electricityCards, i.waterCards, i.mailboxKeys, JSON.stringify(i.documents), i.note ?? null, ctx.staff!.id],
    )
    await addLinkedEntry(w, ctx, 'moveIn', m.id, { kind: 'visit', unitId: unit.id, person: owner.name, content: `入住手续 ${serial}:${unit.label} 新业主 ${owner.name} 办理入住(${describe(i)})`, status: 'pending' })
    await audit(w, ctx, { action: 'moveIn.start', entity: 'move_in', entityId: m.id, summary: `办理入住 ${serial}:${unit.label} ${owner.name};${describe(i)}` })
    return (await moveInRow(w, m.id))!
  })
}

export async function updateMoveIn(ctx: Ctx, i: z.output<typeof moveInUpdateInput>): Promise<MoveInRow> {
  return ctx.db.tx(async (w) => {
    const old = await openMoveIn(w, i.id)
    await checkDocuments(w, i.documents)
    await w.run(
      'UPDATE move_ins SET door_keys = ?, electricity_cards = ?, water_cards = ?, mailbox_keys = ?, documents = ?, note = ?, updated_at = ?, terminal_id = ? WHERE id = ?',
      [i.doorKeys, i.electricityCards, i.waterCards, i.mailboxKeys, JSON.stringify(i.documents), i.note ?? null, iso(ctx.now()), ctx.terminalId, i.id],
    )
    await linkedFollowUp(w, ctx, 'moveIn', i.id, 'note', `交接清单修改:${describe(i)}`)
    await audit(w, ctx, { action: 'moveIn.update', entity: 'move_in', entityId: i.id, summary: `修改入住交接清单 ${old.serial}:${describe(i)}`, changes: { before: describe(old), after: describe(i) } })
    return (await moveInRow(w, i.id))!
  })
}

/** An access card for the move-in, issued by the card register's own service (its refusals reach the clerk as they are). */
export async function issueMoveInCard(ctx: Ctx, i: z.output<typeof moveInCardInput>): Promise<{ moveIn: MoveInRow; card: CardRow }> {
  return ctx.db.tx(async (w) => {
    const mi = await openMoveIn(w, i.moveInId)
    if (i.unitId !== mi.unitId) throw rule(`入住手续 ${mi.serial} 的房屋是 ${mi.unitLabel},门禁卡须发给该房屋的住户`, 'unitId')
    const { moveInId, ...cardInput } = i
    const card = await issueCardIn(w, ctx, cardInput)
    const m = newRowMeta(ctx, newId())
    await w.run('INSERT INTO move_in_cards (id, created_at, updated_at, terminal_id, deleted_at, move_in_id, card_id, staff_id) VALUES (?,?,?,?,NULL,?,?,?)', [
      m.id, m.createdAt, m.updatedAt, m.terminalId, moveInId, card.id, ctx.staff!.id,
    ])
    await linkedFollowUp(w, ctx, 'moveIn', moveInId, 'note', `发${card.kindName} ${card.cardNo} 给 ${card.holderName}`)
    return { moveIn: (await moveInRow(w, moveInId))!, card }
  })
}

/** The new owner signs: the checklist is frozen, the log entry closed; the 入住交接单 prints as signed. */
export async function signMoveIn(ctx: Ctx, i: z.output<typeof moveInSignInput>): Promise<MoveInRow> {
  return ctx.db.tx(async (w) => {
    const mi = await openMoveIn(w, i.id)
    const owner = await ownerOf(w, mi.unitId, i.ownerResidentId, 'ownerResidentId')
    const m = newRowMeta(ctx, newId())
    await w.run(
      'INSERT INTO move_in_signatures (id, created_at, updated_at, terminal_id, deleted_at, move_in_id, owner_resident_id, owner_name, drawn, signed_at, staff_id) VALUES (?,?,?,?,NULL,?,?,?,?,?,?)',
      [m.id, m.createdAt, m.updatedAt, m.terminalId, mi.id, owner.id, owner.name, i.ownerSignature ?? null, m.createdAt, ctx.staff!.id],
    )
    const cards = mi.cards.length ? `门禁卡 ${mi.cards.map((c) => c.cardNo).join('、')}` : '未发门禁卡'
    await linkedFollowUp(w, ctx, 'moveIn', mi.id, 'close', `业主 ${owner.name} 签字确认交接(${describe(mi)};${cards})${i.ownerSignature ? ',手写签名已留存' : ''}`)
    await audit(w, ctx, { action: 'moveIn.sign', entity: 'move_in', entityId: mi.id, summary: `入住手续 ${mi.serial} 业主 ${owner.name} 签字;${cards}` })
    return (await moveInRow(w, mi.id))!
  })
}
