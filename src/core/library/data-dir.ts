import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * The data dir shared by the app, the CLI and the server: LECTERN_DATA_DIR if set, else the folder
 * Electron uses as userData for an app named "Lectern" on this platform, so all three find one library.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.LECTERN_DATA_DIR) return env.LECTERN_DATA_DIR
  const home = homedir()
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Lectern')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Lectern')
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Lectern')
}
