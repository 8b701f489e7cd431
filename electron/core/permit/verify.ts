import type { PermitBrief, PermitVerifyResult } from '../../../shared/permit/apiSchema'
import { kindDef, PERMIT_KIND_LABELS, PERMIT_STATE_LABELS } from '../../../shared/permit/kinds'
import { effectiveState, holderOf, MAX_GENERATION, parseQrPayload, transition, VERIFY_LABELS, verifyOutcome, type PaperGeneration } from '../../../shared/permit/rules'
import type { PermitRecord } from '../../../shared/permit/schema/record'
import type { LocalStamp } from '../../../shared/time/calendar'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import { rule } from '../errors'
import type { Reader } from '../db/connection'
import { permitRowBySerial, recordOf, saveRecord, type PermitDbRow } from './records'
import { checkSeal, sealPermit } from './seal'
import { verifyVisitorSlip } from '../visitor/verifySlip'
import { localNow, paperCodeOf, permitSite, type PermitSiteInfo } from './site'

/**
 * The guard's check (permit.verify): a scanned QR or a typed serial → valid / expired / voided / used /
 * forged …, with holder and unit. Read-only. permit.use marks a single-use document (release slip,
 * lift use) used — once; a second use, a forged code, a slip not for today are refused.
 */

function goodsOf(record: PermitRecord): string[] | undefined {
  if (record.kind === 'releaseSlip') return record.fields.items.map((it) => `${it.name} ×${it.quantity}${it.note ? `(${it.note})` : ''}`)
  if (record.kind === 'liftUse') return [record.fields.goods]
  return undefined
}

function brief(record: PermitRecord, now: LocalStamp): PermitBrief {
  const state = effectiveState(record, now)
  const goods = goodsOf(record)
  return {
    id: record.id!,
    kind: record.kind,
    kindName: PERMIT_KIND_LABELS[record.kind],
    serial: record.serial!,
    holder: holderOf(record).name,
    unitLabel: record.unitLabel,
    validFrom: record.validFrom,
    validUntil: record.validUntil,
    state,
    stateLabel: PERMIT_STATE_LABELS[state],
    ...(goods ? { goods } : {}),
  }
}

const UNREADABLE = '无法识别的编号或二维码内容(编号如 FX-2026-0001)'

/** The paper the QR came from against the record's latest print (null: typed by hand). */
async function paperOf(r: Reader, row: PermitDbRow, scanned: number | null): Promise<PaperGeneration | undefined> {
  if (scanned === null) return undefined
  const current = Math.max(0, row.printCount - 1)
  const next = scanned < current ? await r.get<{ at: string }>('SELECT at FROM permit_prints WHERE permit_id = ? AND reprint = ?', [row.id, scanned + 1]) : undefined
  return { scanned, current, reprintedAt: next?.at ?? null }
}

/**
 * What the guard is told about a scan. A forged code gets the word and nothing of the genuine document
 * behind the serial; a record whose seal is broken is "tampered" (its data cannot be trusted either).
 */
async function outcomeOf(r: Reader, site: PermitSiteInfo, text: string, now: LocalStamp): Promise<{ v: PermitVerifyResult; row?: PermitDbRow; record?: PermitRecord }> {
  const parsed = parseQrPayload(text)
  if (!parsed) return { v: { outcome: 'unknown', label: VERIFY_LABELS.unknown, detail: UNREADABLE, codeChecked: false, permit: null } }
  const row = await permitRowBySerial(r, parsed.serial)
  if (!row) return { v: { ...verifyOutcome(null, parsed.code, now, null), permit: null } }
  const record = await recordOf(r, row)
  // The record first: a record changed behind the app can neither confirm nor deny a paper.
  const seal = await checkSeal(r, row.id, site.secret)
  if (!seal.ok) {
    const detail = `${kindDef(record.kind).name} ${row.serial} 的系统记录与封存不符(${seal.problems.join(';')}),不能作为有效凭证,请扣留证件并联系客服主管`
    return { v: { outcome: 'tampered', label: VERIFY_LABELS.tampered, detail, codeChecked: false, permit: null }, row, record }
  }
  const generation = parsed.generation ?? 0
  const expected = generation <= MAX_GENERATION ? paperCodeOf(site, record, generation) : null
  const v = verifyOutcome(record, parsed.code, now, expected ?? '', await paperOf(r, row, parsed.generation))
  if (v.outcome === 'forged') return { v: { ...v, permit: null } }
  return { v: { ...v, permit: brief(record, now) }, row, record }
}

export async function verifyPermit(ctx: Ctx, text: string): Promise<PermitVerifyResult> {
  // A visitor slip (FK-…) has the same QR shape; it is answered by the visitor area.
  const slip = await verifyVisitorSlip(ctx, text)
  if (slip) return slip
  const site = await permitSite(ctx.db.read)
  return (await outcomeOf(ctx.db.read, site, text, localNow(ctx, site))).v
}

/** Refusals of permit.use that are not the state machine's: what the scan itself says. */
const REFUSE: Partial<Record<PermitVerifyResult['outcome'], true>> = { forged: true, tampered: true, superseded: true }

export async function usePermit(ctx: Ctx, text: string): Promise<PermitVerifyResult> {
  const site = await permitSite(ctx.db.read)
  return ctx.db.tx(async (w) => {
    const now = localNow(ctx, site)
    const parsed = parseQrPayload(text)
    if (!parsed) throw rule(UNREADABLE, 'text')
    const { v, row, record } = await outcomeOf(w, site, text, now)
    if (REFUSE[v.outcome]) throw rule(`${v.label}:${v.detail}`, 'text')
    if (!row || !record) throw rule(`查无此证:${parsed.serial},请核实证件来源`, 'text')
    const def = kindDef(record.kind)
    const next = transition(record, { type: 'use', at: now })
    if (!next.ok) throw rule(next.reason, 'text')
    await saveRecord(w, ctx, row, next.value, { usedBy: ctx.staff!.id })
    await sealPermit(w, ctx, row.id, 'use', now)
    await audit(w, ctx, { action: 'permit.use', entity: 'permit', entityId: row.id, summary: `${def.name} ${row.serial} 已使用(${record.unitLabel} ${holderOf(record).name})`, changes: { usedAt: now, codeChecked: v.codeChecked } })
    return {
      outcome: 'valid',
      label: '有效,已登记使用',
      detail: `${def.name} ${row.serial} · ${record.unitLabel} · ${holderOf(record).name} 已于 ${now} 登记使用${v.codeChecked ? '' : '(手工输入编号,未核对校验码)'}`,
      codeChecked: v.codeChecked,
      permit: brief(next.value, now),
      usedAt: now,
    }
  })
}
