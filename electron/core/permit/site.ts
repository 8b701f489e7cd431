import { createHmac } from 'node:crypto'
import { withPermitDefaults, type PermitSettings } from '../../../shared/permit/settings'
import type { LocalStamp } from '../../../shared/time/calendar'
import { localDateTime } from '../../../shared/time/zone'
import { checkCode, checkCodeFields, printCode, qrPayload, type HmacFn } from '../../../shared/permit/rules'
import type { PermitRecord } from '../../../shared/permit/schema/record'
import type { StoredSiteSettings } from '../../../shared/site/schema'
import type { Ctx } from '../context'
import type { Reader } from '../db/connection'
import { DeskError } from '../errors'
import { getSiteRow } from '../site/service'

/**
 * What the permit area needs of the site: names for the paper, the time zone for local stamps, the
 * permit settings, and the check-code secret — which stays here, in the core, and is never returned.
 */
export interface PermitSiteInfo {
  name: string
  office: string
  timeZone: string
  settings: PermitSettings
  secret: string
}

export async function permitSite(r: Reader): Promise<PermitSiteInfo> {
  const row = await getSiteRow(r)
  if (!row) throw new DeskError('NOT_FOUND', '项目尚未初始化')
  const raw = JSON.parse(row.settings) as Partial<StoredSiteSettings>
  return { name: row.name, office: row.office, timeZone: row.timeZone, settings: withPermitDefaults(raw.permit), secret: row.secret }
}

/** Now, as the site's local wall-clock `YYYY-MM-DD HH:mm` (the injected clock). */
export const localNow = (ctx: Ctx, site: Pick<PermitSiteInfo, 'timeZone'>): LocalStamp => localDateTime(ctx.now(), site.timeZone)

export const hmac: HmacFn = (secret, text) => createHmac('sha256', secret).update(text, 'utf8').digest('hex')

/** The check code of a record under the site's secret. */
export const codeOf = (site: Pick<PermitSiteInfo, 'secret'>, record: PermitRecord) => checkCode(hmac, site.secret, checkCodeFields(record))

/** The code on paper generation `generation` (0: first print, n: 补打第n次) of a record. */
export const paperCodeOf = (site: Pick<PermitSiteInfo, 'secret'>, record: PermitRecord, generation: number) =>
  printCode(hmac, site.secret, checkCodeFields(record), generation)

/** The QR text printed on paper generation `generation`: serial, that paper's code, the generation; no secret. */
export const payloadOf = (site: Pick<PermitSiteInfo, 'secret'>, record: PermitRecord, generation: number) =>
  qrPayload(record.serial!, paperCodeOf(site, record, generation), generation)
