import type { z } from 'zod'
import { maskIdNumber } from '../../../shared/mask'
import type { collectorAddInput, collectorEndInput, SpareKeyCollector, SpareKeyCollectorFile } from '../../../shared/spareKeys/schema'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import { conflict, DeskError, notFound, rule } from '../errors'
import { newId } from '../ids'
import { unitOf } from '../permit/applicant'
import { checkAttachments } from '../permit/files'
import { getSite } from '../site/service'
import { listCollectors } from './read'

const bytesOf = (dataUrl: string) => Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64').length

/**
 * An authorised collector: a person a registered owner of the unit named in writing, with the scanned
 * authorisation kept beside them (data: URLs, as permit attachments are). Entered only by the
 * administrator or the supervisor (the contract's roles); every entry audited. A collector is a fact:
 * a mistake is corrected by ending the entry and entering it again, so nothing is edited behind anyone.
 */
export async function addCollector(ctx: Ctx, i: z.output<typeof collectorAddInput>): Promise<SpareKeyCollector> {
  checkAttachments(i.attachments)
  const site = await getSite(ctx)
  const id = await ctx.db.tx(async (w) => {
    const unit = await unitOf(w, i.unitId)
    const owner = await w.get<{ id: string; name: string; unitId: string; kind: string; idNumber: string | null }>(
      'SELECT id, name, unit_id AS unitId, kind, id_number AS idNumber FROM residents WHERE id = ? AND deleted_at IS NULL',
      [i.ownerResidentId],
    )
    if (!owner || owner.unitId !== unit.id || owner.kind !== 'owner') throw rule(`授权业主须是 ${unit.label} 登记的业主`, 'ownerResidentId')
    if (owner.idNumber && owner.idNumber.toUpperCase() === i.idNumber) throw rule('领取人就是业主本人,业主凭身份证即可领取,无须登记授权', 'idNumber')
    const twin = await w.get<{ id: string }>(
      `SELECT c.id FROM spare_key_collectors c WHERE c.unit_id = ? AND c.id_number = ? AND c.valid_to >= ?
         AND NOT EXISTS (SELECT 1 FROM spare_key_collector_ends e WHERE e.collector_id = c.id)`,
      [unit.id, i.idNumber, i.validFrom],
    )
    if (twin) throw conflict(`${i.name}(身份证 ${maskIdNumber(i.idNumber)})已是 ${unit.label} 的授权领取人且授权未到期;要更改,请先终止原授权`, 'idNumber')
    const m = newRowMeta(ctx, newId())
    await w.run(
      `INSERT INTO spare_key_collectors (id, created_at, updated_at, terminal_id, deleted_at, unit_id, owner_resident_id, owner_name, name, id_number, phone, relation, valid_from, valid_to, note, staff_id)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [m.id, m.createdAt, m.updatedAt, m.terminalId, unit.id, owner.id, owner.name, i.name, i.idNumber, i.phone, i.relation, i.validFrom, i.validTo, i.note ?? null, ctx.staff!.id],
    )
    for (const a of i.attachments) {
      const f = newRowMeta(ctx, newId())
      await w.run(
        `INSERT INTO spare_key_files (id, created_at, updated_at, terminal_id, deleted_at, collector_id, label, file_name, mime, size_bytes, data_url) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`,
        [f.id, f.createdAt, f.updatedAt, f.terminalId, m.id, a.label, a.fileName, a.dataUrl.slice(5, a.dataUrl.indexOf(';')), bytesOf(a.dataUrl), a.dataUrl],
      )
    }
    await audit(w, ctx, {
      action: 'spareKeyCollector.add',
      entity: 'spareKey',
      entityId: m.id,
      summary: `登记 ${unit.label} 寄存钥匙授权领取人 ${i.name}(${i.relation},身份证 ${maskIdNumber(i.idNumber)}),业主 ${owner.name} 书面授权,有效期 ${i.validFrom} 至 ${i.validTo},附件 ${i.attachments.length} 个`,
      changes: { unitId: unit.id, ownerResidentId: owner.id, name: i.name, relation: i.relation, validFrom: i.validFrom, validTo: i.validTo, files: i.attachments.map((a) => a.fileName) },
    })
    return { id: m.id, unitId: unit.id }
  })
  return (await listCollectors(ctx.db.read, id.unitId, ctx.now(), site.timeZone, id.id))[0]
}

export async function endCollector(ctx: Ctx, i: z.output<typeof collectorEndInput>): Promise<SpareKeyCollector> {
  const site = await getSite(ctx)
  const unitId = await ctx.db.tx(async (w) => {
    const c = await w.get<{ id: string; unitId: string; name: string; ended: number }>(
      'SELECT c.id, c.unit_id AS unitId, c.name, EXISTS (SELECT 1 FROM spare_key_collector_ends e WHERE e.collector_id = c.id) AS ended FROM spare_key_collectors c WHERE c.id = ?',
      [i.id],
    )
    if (!c) throw new DeskError('NOT_FOUND', '授权领取人不存在', 'id')
    if (c.ended) throw conflict(`${c.name} 的授权已终止,不能重复终止`, 'id')
    const m = newRowMeta(ctx, newId())
    await w.run('INSERT INTO spare_key_collector_ends (id, created_at, updated_at, terminal_id, deleted_at, collector_id, reason, staff_id) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)', [
      m.id, m.createdAt, m.updatedAt, m.terminalId, c.id, i.reason, ctx.staff!.id,
    ])
    const unit = await unitOf(w, c.unitId)
    await audit(w, ctx, { action: 'spareKeyCollector.end', entity: 'spareKey', entityId: c.id, summary: `终止 ${unit.label} 寄存钥匙授权领取人 ${c.name}:${i.reason}` })
    return c.unitId
  })
  return (await listCollectors(ctx.db.read, unitId, ctx.now(), site.timeZone, i.id))[0]
}

/** The scanned authorisation, opened to check it at the desk; every opening is audited. */
export async function collectorFile(ctx: Ctx, id: string): Promise<SpareKeyCollectorFile> {
  return ctx.db.tx(async (w) => {
    const f = await w.get<SpareKeyCollectorFile & { collectorId: string; name: string }>(
      `SELECT f.id, f.label, f.file_name AS fileName, f.mime, f.size_bytes AS sizeBytes, f.data_url AS dataUrl, f.collector_id AS collectorId, c.name
         FROM spare_key_files f JOIN spare_key_collectors c ON c.id = f.collector_id WHERE f.id = ? AND f.deleted_at IS NULL`,
      [id],
    )
    if (!f) throw notFound('附件')
    await audit(w, ctx, { action: 'spareKeyCollector.file', entity: 'spareKey', entityId: f.collectorId, summary: `查看寄存钥匙授权领取人 ${f.name} 的授权书「${f.label}」(${f.fileName})` })
    const { collectorId: _c, name: _n, ...file } = f
    return file
  })
}
