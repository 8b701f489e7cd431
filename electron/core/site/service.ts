import crypto from 'node:crypto'
import { eq, isNull } from 'drizzle-orm'
import { DEFAULT_CUSTODY_ITEMS, withAllSettingDefaults, type SiteInfo, type StoredSiteSettings } from '../../../shared/site/schema'
import type { z } from 'zod'
import { withPermitDefaults } from '../../../shared/permit/settings'
import type { setupInput, siteUpdateInput } from '../../../shared/site/schema'
import { audit, diff } from '../audit/service'
import { hashPin } from '../auth/pin'
import { newRowMeta, type Ctx } from '../context'
import type { Reader } from '../db/connection'
import { site, staff } from '../db/schema'
import { conflict, DeskError } from '../errors'
import { listBackups } from '../db/backup'
import { newId } from '../ids'

export async function getSiteRow(r: Reader) {
  return r.orm.select().from(site).where(isNull(site.deletedAt)).limit(1).get()
}

/** Backups that hold a site (at least its administrator; copies made before manifests are assumed to). */
const siteBackups = (ctx: Ctx) => listBackups(ctx.backupDir).filter((b) => b.counts === null || (b.counts.staff ?? 0) > 0)

export async function setupStatus(ctx: Ctx) {
  const s = await getSiteRow(ctx.db.read)
  if (s) return { needsSetup: false, siteName: s.name }
  const backups = siteBackups(ctx).map(({ path: _path, ...b }) => b)
  return backups.length ? { needsSetup: true, backups } : { needsSetup: true }
}

/** First start: the site and its first administrator, in one transaction; only once. */
export async function createSite(ctx: Ctx, input: z.output<typeof setupInput>) {
  // A folder with backups but no database: the site's file was lost or moved. A new empty site only by choice.
  const backups = siteBackups(ctx).length
  if (backups && !input.confirmNew) {
    throw new DeskError('RULE', `此数据文件夹中有 ${backups} 个项目备份,但当前数据库中没有项目(数据库文件可能丢失或被移走):要继续使用原项目,请从备份恢复;确实要新建空项目,请勾选「新建空项目」`, 'confirmNew')
  }
  const pinHash = await hashPin(input.adminPin)
  return ctx.db.tx(async (w) => {
    if (await getSiteRow(w)) throw conflict('项目已初始化,不能重复创建')
    const siteId = newId()
    const settings: StoredSiteSettings = withAllSettingDefaults({ custodyItems: DEFAULT_CUSTODY_ITEMS })
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

/** What 审计日志 says was changed in 项目设置. */
const SECTION_LABELS: Record<string, string> = {
  name: '项目名称',
  office: '管理处',
  timeZone: '时区',
  shifts: '班次',
  custodyItems: '交接物品',
  checklist: '环境检查项',
  logTemplates: '值班记录模板',
  graceMinutes: '交接宽限',
  drawnSignature: '手写签名',
  cardSignature: '门禁卡签收手写签名',
  permit: '证件设置',
}

/**
 * Gives each new item (no code yet) a code never used in this site's settings: roster cells and
 * handover counts refer to codes, so a code of a removed item must not come back meaning another.
 * Random, so two terminals adding items at once (LAN sync) do not pick the same one.
 */
function withCodes<T extends { code?: string }>(items: T[], prefix: string, taken: Set<string>): Array<T & { code: string }> {
  for (const it of items) if (it.code) taken.add(it.code)
  return items.map((it) => {
    if (it.code) return it as T & { code: string }
    let code: string
    do code = `${prefix}-${crypto.randomBytes(4).toString('hex')}`
    while (taken.has(code))
    taken.add(code)
    return { ...it, code }
  })
}

export async function updateSite(ctx: Ctx, input: z.output<typeof siteUpdateInput>): Promise<SiteInfo> {
  return ctx.db.tx(async (w) => {
    const row = await getSiteRow(w)
    if (!row) throw new DeskError('NOT_FOUND', '项目尚未初始化')
    const settings = withAllSettingDefaults(JSON.parse(row.settings) as Partial<StoredSiteSettings>)
    const taken = new Set([...settings.shifts, ...settings.custodyItems, ...settings.checklist].map((x) => x.code))
    const nextSettings: StoredSiteSettings = {
      shifts: input.shifts ? withCodes(input.shifts, 'shift', taken) : settings.shifts,
      custodyItems: input.custodyItems ? withCodes(input.custodyItems, 'item', taken) : settings.custodyItems,
      checklist: input.checklist ? withCodes(input.checklist, 'check', taken) : settings.checklist,
      logTemplates: input.logTemplates ?? settings.logTemplates,
      graceMinutes: input.graceMinutes ?? settings.graceMinutes,
      drawnSignature: input.drawnSignature ?? settings.drawnSignature,
      permit: input.permit ? withPermitDefaults({ ...settings.permit, ...input.permit }) : settings.permit,
      cardSignature: input.cardSignature ?? settings.cardSignature,
    }
    const next = {
      name: input.name,
      office: input.office,
      timeZone: input.timeZone,
      settings: JSON.stringify(nextSettings),
    }
    await w.orm.update(site).set({ ...next, updatedAt: ctx.now().toISOString(), terminalId: ctx.terminalId }).where(eq(site.id, row.id))
    const changed = diff(row, next)
    const sections = Object.entries(SECTION_LABELS)
      .filter(([k]) => (k in changed ? true : JSON.stringify((settings as unknown as Record<string, unknown>)[k]) !== JSON.stringify((nextSettings as unknown as Record<string, unknown>)[k])))
      .map(([, l]) => l)
    await audit(w, ctx, { action: 'site.update', entity: 'site', entityId: row.id, summary: sections.length ? `修改项目设置:${sections.join('、')}` : '保存项目设置(无改动)', changes: changed })
    return toSiteInfo({ ...row, ...next }, ctx.terminalId)
  })
}
