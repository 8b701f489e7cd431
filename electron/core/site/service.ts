import crypto from 'node:crypto'
import { eq, isNull } from 'drizzle-orm'
import { withAllSettingDefaults, type SiteInfo, type StoredSiteSettings } from '../../../shared/site/schema'
import type { z } from 'zod'
import { withPermitDefaults } from '../../../shared/permit/settings'
import type { setupInput, siteUpdateInput } from '../../../shared/site/schema'
import { audit, diff } from '../audit/service'
import { hashPin } from '../auth/pin'
import { newRowMeta, type Ctx } from '../context'
import type { Reader } from '../db/connection'
import { site, staff } from '../db/schema'
import { conflict, DeskError } from '../errors'
import { newId } from '../ids'

export async function getSiteRow(r: Reader) {
  return r.orm.select().from(site).where(isNull(site.deletedAt)).limit(1).get()
}

export async function setupStatus(ctx: Ctx) {
  const s = await getSiteRow(ctx.db.read)
  return s ? { needsSetup: false, siteName: s.name } : { needsSetup: true }
}

/** First start: the site and its first administrator, in one transaction; only once. */
export async function createSite(ctx: Ctx, input: z.output<typeof setupInput>) {
  const pinHash = await hashPin(input.adminPin)
  return ctx.db.tx(async (w) => {
    if (await getSiteRow(w)) throw conflict('项目已初始化,不能重复创建')
    const siteId = newId()
    const settings: StoredSiteSettings = withAllSettingDefaults({})
    await w.orm.insert(site).values({
      ...newRowMeta(ctx, siteId),
      name: input.name,
      office: input.office,
      timeZone: input.timeZone,
      settings: JSON.stringify(settings),
      secret: crypto.randomBytes(32).toString('base64'),
    })
    const adminId = newId()
    await w.orm.insert(staff).values({
      ...newRowMeta(ctx, adminId),
      staffNo: input.adminStaffNo,
      name: input.adminName,
      roles: JSON.stringify(['admin']),
      phone: null,
      pinHash,
      active: true,
      failedAttempts: 0,
      lockedUntil: null,
    })
    await audit(w, ctx, { action: 'site.create', entity: 'site', entityId: siteId, summary: `初始化项目 ${input.name}`, changes: { name: input.name, office: input.office, timeZone: input.timeZone } }, adminId)
    await audit(w, ctx, { action: 'staff.create', entity: 'staff', entityId: adminId, summary: `创建管理员 ${input.adminName}(${input.adminStaffNo})`, changes: { staffNo: input.adminStaffNo, roles: ['admin'] } }, adminId)
    return { siteId }
  })
}

export function toSiteInfo(row: typeof site.$inferSelect, terminalId: string): SiteInfo {
  const settings = withAllSettingDefaults(JSON.parse(row.settings) as Partial<StoredSiteSettings>)
  return { id: row.id, name: row.name, office: row.office, timeZone: row.timeZone, ...settings, terminalId }
}

export async function getSite(ctx: Ctx): Promise<SiteInfo> {
  const row = await getSiteRow(ctx.db.read)
  if (!row) throw new DeskError('NOT_FOUND', '项目尚未初始化')
  return toSiteInfo(row, ctx.terminalId)
}

export async function updateSite(ctx: Ctx, input: z.output<typeof siteUpdateInput>): Promise<SiteInfo> {
  return ctx.db.tx(async (w) => {
    const row = await getSiteRow(w)
    if (!row) throw new DeskError('NOT_FOUND', '项目尚未初始化')
    const settings = withAllSettingDefaults(JSON.parse(row.settings) as Partial<StoredSiteSettings>)
    const nextSettings: StoredSiteSettings = {
      shifts: input.shifts ?? settings.shifts,
      custodyItems: input.custodyItems ?? settings.custodyItems,
      checklist: input.checklist ?? settings.checklist,
      logTemplates: input.logTemplates ?? settings.logTemplates,
      graceMinutes: input.graceMinutes ?? settings.graceMinutes,
      drawnSignature: input.drawnSignature ?? settings.drawnSignature,
      permit: input.permit ? withPermitDefaults({ ...settings.permit, ...input.permit }) : settings.permit,
    }
    const next = {
      name: input.name,
      office: input.office,
      timeZone: input.timeZone,
      settings: JSON.stringify(nextSettings),
    }
    await w.orm.update(site).set({ ...next, updatedAt: ctx.now().toISOString(), terminalId: ctx.terminalId }).where(eq(site.id, row.id))
    await audit(w, ctx, { action: 'site.update', entity: 'site', entityId: row.id, summary: '修改项目设置', changes: diff(row, next) })
    return toSiteInfo({ ...row, ...next }, ctx.terminalId)
  })
}
