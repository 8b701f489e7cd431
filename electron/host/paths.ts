import os from 'node:os'
import path from 'node:path'

export const APP_DIR_NAME = 'wuye-desk'

/** Same folder Electron's app.getPath('userData') uses for this app, so both modes share data. */
export function defaultDataDir(): string {
  if (process.env.DESK_DATA_DIR) return path.resolve(process.env.DESK_DATA_DIR)
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_DIR_NAME)
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_DIR_NAME)
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), APP_DIR_NAME)
}
