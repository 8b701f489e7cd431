import { z } from 'zod'
import { method } from '../api/contract'
import { setupInput, siteUpdateInput, type BackupInfo, type SiteInfo } from './schema'

export const siteApi = {
  'setup.status': method<{ needsSetup: boolean; siteName?: string }>()(z.object({}).optional(), 'public'),
  'setup.create': method<{ siteId: string }>()(setupInput, 'public'),
  'site.get': method<SiteInfo>()(z.object({}).optional(), 'session'),
  'site.update': method<SiteInfo>()(siteUpdateInput, ['admin']),
  'backup.list': method<BackupInfo[]>()(z.object({}).optional(), ['admin']),
  'backup.now': method<BackupInfo>()(z.object({}).optional(), ['admin']),
}
