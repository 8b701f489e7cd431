import { z } from 'zod'
import { method } from '../api/contract'
import { backupFileInput, setupInput, siteUpdateInput, terminalNameInput, type BackupDetail, type BackupInfo, type SetupBackup, type SiteInfo } from './schema'

export const siteApi = {
  /** `backups`: good backups found in a data folder without a site (offered for restore on the setup screen). */
  'setup.status': method<{ needsSetup: boolean; siteName?: string; backups?: SetupBackup[] }>()(z.object({}).optional(), 'public'),
  /** Restore a backup from the setup screen: only while no site exists (nothing to lose; no one to log in). */
  'setup.restore': method<{ restoredFrom: string; safetyCopy: string; at: string }>()(backupFileInput, 'public'),
  'setup.create': method<{ siteId: string }>()(setupInput, 'public'),
  'site.get': method<SiteInfo>()(z.object({}).optional(), 'session'),
  /** The core's clock (UTC ISO): the truth for "now" (host mode serves other PCs; their clocks drift). */
  'clock.current': method<{ now: string }>()(z.object({}).optional(), 'session'),
  'site.update': method<SiteInfo>()(siteUpdateInput, ['admin']),
  'backup.list': method<BackupInfo[]>()(z.object({}).optional(), ['admin']),
  'backup.now': method<BackupInfo>()(z.object({}).optional(), ['admin']),
  /** Opens and checks a backup: its date and what it holds, before a restore. */
  'backup.inspect': method<BackupDetail>()(backupFileInput, ['admin']),
  /** Restores a backup (the current database is backed up first); every session ends. */
  'backup.restore': method<{ restoredFrom: string; safetyCopy: string; at: string }>()(backupFileInput, ['admin']),
  /** The site's terminals by name (the current one marked). */
  'site.terminals': method<Array<{ id: string; name: string; current: number }>>()(z.object({}).optional(), ['admin']),
  'site.renameTerminal': method<{ id: string; name: string }>()(terminalNameInput, ['admin']),
}
