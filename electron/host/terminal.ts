import Conf from 'conf'
import { newId } from '../core/ids'

export interface TerminalSettings {
  terminalId: string
  terminalName: string
}

/**
 * This terminal's own settings (not synced): in host mode a `conf` JSON file in the data folder;
 * Electron uses electron-store on the same file name.
 */
export function terminalSettings(dataDir: string): TerminalSettings {
  const store = new Conf<Partial<TerminalSettings>>({ cwd: dataDir, configName: 'terminal', projectName: 'wuye-desk' })
  if (!store.get('terminalId')) {
    store.set('terminalId', newId())
    store.set('terminalName', '前台终端')
  }
  return { terminalId: store.get('terminalId')!, terminalName: store.get('terminalName') ?? '前台终端' }
}
