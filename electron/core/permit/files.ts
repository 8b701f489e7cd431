import type { AttachmentInput, PermitAttachment, PermitFile } from '../../../shared/permit/apiSchema'
import { MAX_ATTACHMENT_BYTES } from '../../../shared/permit/apiSchema'
import { newRowMeta, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { permitFiles } from '../db/schema'
import { notFound, rule } from '../errors'
import { newId } from '../ids'

/** Attachments of an application and workers' photos: data: URLs in permit_files, append-only. */

const META = `SELECT id, kind, label, file_name AS fileName, mime, size_bytes AS sizeBytes FROM permit_files`

export async function photoFile(r: Reader, permitId: string): Promise<PermitFile | undefined> {
  return r.get<PermitFile>(`${META.replace(' FROM', ', data_url AS dataUrl FROM')} WHERE permit_id = ? AND kind = 'photo' AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 1`, [permitId])
}

export async function attachmentsOf(r: Reader, permitId: string): Promise<PermitAttachment[]> {
  return r.all<PermitAttachment>(`${META} WHERE permit_id = ? AND deleted_at IS NULL ORDER BY kind DESC, created_at`, [permitId])
}

export async function fileById(r: Reader, id: string): Promise<PermitFile> {
  const f = await r.get<PermitFile>(`${META.replace(' FROM', ', data_url AS dataUrl FROM')} WHERE id = ? AND deleted_at IS NULL`, [id])
  if (!f) throw notFound('附件')
  return f
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
