import type { PermitBrief, PermitVerifyResult } from '../../../shared/permit/apiSchema'
import { kindDef, PERMIT_KIND_LABELS, PERMIT_STATE_LABELS } from '../../../shared/permit/kinds'
import { effectiveState, holderOf, parseQrPayload, transition, VERIFY_LABELS, verifyOutcome } from '../../../shared/permit/rules'
import type { PermitRecord } from '../../../shared/permit/schema/record'
import type { LocalStamp } from '../../../shared/permit/time'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import { rule } from '../errors'
import { permitRowBySerial, recordOf, saveRecord } from './records'
import { codeOf, localNow, permitSite } from './site'

/**
 * The guard's check (permit.verify): a scanned QR or a typed serial → valid / expired / voided / used /
 * forged …, with holder and unit. Read-only. permit.use marks a single-use document (release slip,
 * lift use) used — once; a second use, a forged code, a slip not for today are refused.
 */

function brief(record: PermitRecord, now: LocalStamp): PermitBrief {
  const state = effectiveState(record, now)
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
  }
}

const UNREADABLE = '无法识别的编号或二维码内容(编号如 FX-2026-0001)'

export async function verifyPermit(ctx: Ctx, text: string): Promise<PermitVerifyResult> {
  const site = await permitSite(ctx.db.read)
  const now = localNow(ctx, site)
  const parsed = parseQrPayload(text)
  if (!parsed) return { outcome: 'unknown', label: VERIFY_LABELS.unknown, detail: UNREADABLE, codeChecked: false, permit: null }
  const row = await permitRowBySerial(ctx.db.read, parsed.serial)
  const record = row ? await recordOf(ctx.db.read, row) : null
  const v = verifyOutcome(record, parsed.code, now, record ? codeOf(site, record) : null)
  return { ...v, permit: record ? brief(record, now) : null }
}

export async function usePermit(ctx: Ctx, text: string): Promise<PermitVerifyResult> {
  const site = await permitSite(ctx.db.read)
  return ctx.db.tx(async (w) => {
    const now = localNow(ctx, site)
    const parsed = parseQrPayload(text)
    if (!parsed) throw rule(UNREADABLE, 'text')
    const row = await permitRowBySerial(w, parsed.serial)
    if (!row) throw rule(`查无此证:${parsed.serial},请核实证件来源`, 'text')
    const record = await recordOf(w, row)
    const v = verifyOutcome(record, parsed.code, now, codeOf(site, record))
    if (v.outcome === 'forged') throw rule(v.detail, 'text')
    const def = kindDef(record.kind)
    const next = transition(record, { type: 'use', at: now })
    if (!next.ok) throw rule(next.reason, 'text')
    await saveRecord(w, ctx, row, next.value, { usedBy: ctx.staff!.id })
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
