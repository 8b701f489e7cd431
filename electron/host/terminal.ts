import Conf from 'conf'
import type { AuditHeadStore, StoredHeads } from '../core/audit/heads'
import { newId } from '../core/ids'

export interface TerminalSettings {
  terminalId: string
  terminalName: string
  /** The audit chains' heads, kept in this file so an edit of the database alone cannot reach them. */
  auditHeads: AuditHeadStore
}

/**
 * This terminal's own settings (not synced): in host mode a `conf` JSON file in the data folder;
 * Electron uses electron-store on the same file name.
 */
export function terminalSettings(dataDir: string): TerminalSettings {
  const store = new Conf<Partial<Omit<TerminalSettings, 'auditHeads'>> & { auditHeads?: StoredHeads }>({ cwd: dataDir, configName: 'terminal', projectName: 'wuye-desk' })
  if (!store.get('terminalId')) {
    store.set('terminalId', newId())
    store.set('terminalName', '前台终端')
  }
  return {
    terminalId: store.get('terminalId')!,
    terminalName: store.get('terminalName') ?? '前台终端',
    auditHeads: { read: () => store.get('auditHeads'), write: (v) => store.set('auditHeads', v) },
  }
}
