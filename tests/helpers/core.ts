import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { callOk, openCore, type Core } from '../../electron/core/app'

export const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle')

export function tempDir(prefix = 'desk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export async function freshCore(dataDir = tempDir(), now?: () => Date): Promise<Core> {
  return openCore({ dataDir, terminalId: 'T-TEST', migrationsDir: MIGRATIONS, now })
}

/** A site with its first administrator (A001 / 246810), logged in. */
export async function setUpSite(core: Core) {
  await callOk(core, 'setup.create', {
    name: '阳光花园',
    office: '阳光花园物业服务中心',
    timeZone: 'Asia/Shanghai',
    adminStaffNo: 'admin',
    adminName: '赵敏',
    adminPin: '246810',
  })
  const s = await callOk(core, 'auth.login', { staffNo: 'admin', pin: '246810' })
  return s.token
}

export async function countRows(core: Core, table: string): Promise<number> {
  return (await core.db.read.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n
}
