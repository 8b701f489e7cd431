import { createHash } from 'node:crypto'
import { withAllSettingDefaults, type StoredSiteSettings } from '../../../shared/site/schema'
import { newRowMeta, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { rule } from '../errors'
import { newId } from '../ids'
import { getSiteRow } from '../site/service'

/**
 * The holder's signature drawn on the 发卡/补卡 screen (项目设置 › 门禁卡签收手写签名), as at handover:
 * required where the site turns it on, stored with the card either way (card_signatures, append-only),
 * and its SHA-256 sealed in the card's audit row — the audit trail is hash-chained, so a drawing swapped
 * behind the app no longer matches and the receipt says so instead of printing it.
 *
 * Several terminals (issue H): the drawing and the audit row that seals it are written in one transaction,
 * so they sit in one change batch, applied in one transaction on the peer; a terminal never holds one
 * without the other, and the check reads the same on every terminal.
 */

export const signatureDigest = (dataUrl: string) => createHash('sha256').update(dataUrl, 'utf8').digest('hex')

export async function cardSignatureRequired(r: Reader): Promise<boolean> {
  const row = await getSiteRow(r)
  return withAllSettingDefaults(row ? (JSON.parse(row.settings) as Partial<StoredSiteSettings>) : {}).cardSignature
}

/** Refuses a card without the drawing where the site asks for one (before anything is written). */
export async function needSignature(r: Reader, dataUrl: string | undefined) {
  if (!dataUrl && (await cardSignatureRequired(r))) throw rule('本项目要求持卡人手写签名:请持卡人在签名框内签名', 'holderSignature')
}

/** Stores the drawing; answers what the audit row seals. */
export async function addSignature(w: Writer, ctx: Ctx, cardId: string, dataUrl: string | undefined): Promise<{ holderSignatureSha256?: string }> {
  if (!dataUrl) return {}
  const m = newRowMeta(ctx, newId())
  await w.run('INSERT INTO card_signatures (id, created_at, updated_at, terminal_id, deleted_at, card_id, staff_id, at, data_url) VALUES (?,?,?,?,NULL,?,?,?,?)', [
    m.id, m.createdAt, m.updatedAt, m.terminalId, cardId, ctx.staff!.id, m.createdAt, dataUrl,
  ])
  return { holderSignatureSha256: signatureDigest(dataUrl) }
}

export type CardSignature = { dataUrl: string; sealed: true } | { dataUrl: null; sealed: false }

/** The card's drawing and whether it is the one sealed when the card was issued; null when none was drawn. */
export async function signatureOf(r: Reader, cardId: string): Promise<CardSignature | null> {
  const s = await r.get<{ dataUrl: string }>('SELECT data_url AS dataUrl FROM card_signatures WHERE card_id = ?', [cardId])
  const a = await r.get<{ changes: string }>("SELECT changes FROM audit_events WHERE entity = 'card' AND entity_id = ? AND action IN ('card.issue', 'card.replace')", [cardId])
  const sealedDigest = a ? (JSON.parse(a.changes) as { holderSignatureSha256?: string }).holderSignatureSha256 : undefined
  if (!s && !sealedDigest) return null
  // A drawing added, removed or changed behind the app: not printed.
  return s && sealedDigest === signatureDigest(s.dataUrl) ? { dataUrl: s.dataUrl, sealed: true } : { dataUrl: null, sealed: false }
}
