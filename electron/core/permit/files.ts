import type { AttachmentInput, PermitAttachment, PermitFile } from '../../../shared/permit/apiSchema'
import { MAX_ATTACHMENT_BYTES } from '../../../shared/permit/apiSchema'
import { newRowMeta, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { permitFiles } from '../db/schema'
import { DeskError, notFound, rule } from '../errors'
import { audit } from '../audit/service'
import { fileReaderRoles, mayReadFile } from '../../../shared/permit/access'
import { kindDef, type PermitKind } from '../../../shared/permit/kinds'
import { ROLE_LABELS, type Role } from '../../../shared/roles'
import { newId } from '../ids'

/** Attachments of an application and workers' photos: data: URLs in permit_files, append-only. */

const META = `SELECT id, kind, label, file_name AS fileName, mime, size_bytes AS sizeBytes FROM permit_files`

export async function photoFile(r: Reader, permitId: string): Promise<PermitFile | undefined> {
  return r.get<PermitFile>(`${META.replace(' FROM', ', data_url AS dataUrl FROM')} WHERE permit_id = ? AND kind = 'photo' AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 1`, [permitId])
}

/** The files of a permit (no content), each saying whether these roles may open it. */
export async function attachmentsOf(r: Reader, permitId: string, kind: PermitKind, roles: readonly Role[]): Promise<PermitAttachment[]> {
  const rows = await r.all<Omit<PermitAttachment, 'readable'>>(`${META} WHERE permit_id = ? AND deleted_at IS NULL ORDER BY kind DESC, created_at`, [permitId])
  return rows.map((f) => ({ ...f, readable: mayReadFile(kind, f.kind, roles) }))
}

/**
 * permit.file: one file opened by a role that reviews it (shared/permit/access.ts); every opening is
 * audited, and so is a refused one (written on its own, then refused).
 */
export async function readFile(ctx: Ctx, id: string): Promise<PermitFile> {
  const me = ctx.staff!
  const out = await ctx.db.tx(async (w) => {
    const f = await w.get<PermitFile & { permitId: string; permitKind: PermitKind; serial: string }>(
      `SELECT f.id, f.kind, f.label, f.file_name AS fileName, f.mime, f.size_bytes AS sizeBytes, f.data_url AS dataUrl,
              f.permit_id AS permitId, p.kind AS permitKind, p.serial
         FROM permit_files f JOIN permits p ON p.id = f.permit_id WHERE f.id = ? AND f.deleted_at IS NULL`,
      [id],
    )
    if (!f) throw notFound('附件')
    const allowed = mayReadFile(f.permitKind, f.kind, me.roles)
    await audit(w, ctx, {
      action: allowed ? 'permit.file.read' : 'permit.file.denied',
      entity: 'permit',
      entityId: f.permitId,
      summary: `${allowed ? '查看' : '拒绝查看'}${kindDef(f.permitKind).name} ${f.serial} 的附件「${f.label}」(${f.fileName})`,
      changes: { fileId: f.id, label: f.label, roles: me.roles },
    })
    if (!allowed) return { denied: fileReaderRoles(f.permitKind, f.kind), file: null }
    const { permitId: _p, permitKind: _k, serial: _s, ...file } = f
    return { denied: [], file }
  })
  if (!out.file) throw new DeskError('FORBIDDEN', `附件只能由${out.denied.map((r) => ROLE_LABELS[r]).join('、')}查看`, 'id')
  return out.file
}

/** Checks the decoded size of each attachment (the schema bounds the text); refuses naming the item. */
export function checkAttachments(list: readonly AttachmentInput[] | undefined): void {
  ;(list ?? []).forEach((a, i) => {
    if (bytesOf(a.dataUrl) > MAX_ATTACHMENT_BYTES) throw rule(`附件「${a.label}」超过2MB`, `attachments.${i}.dataUrl`)
  })
}

const bytesOf = (dataUrl: string) => Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64').length

export async function insertAttachments(w: Writer, ctx: Ctx, permitId: string, list: readonly AttachmentInput[] | undefined): Promise<void> {
  for (const a of list ?? []) {
    await w.orm.insert(permitFiles).values({
      ...newRowMeta(ctx, newId()),
      permitId,
      kind: 'attachment',
      label: a.label,
      fileName: a.fileName,
      mime: a.dataUrl.slice(5, a.dataUrl.indexOf(';')),
      sizeBytes: bytesOf(a.dataUrl),
      dataUrl: a.dataUrl,
    })
  }
}
