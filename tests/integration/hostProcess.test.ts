import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { checkDataFolder, lockDataFolder } from '../../electron/host/dataFolder'
import { freshCore, tempDir } from '../helpers/core'
import { hostCall, startHost, type HostProcess } from '../helpers/hostProcess'

const started: HostProcess[] = []
afterEach(async () => {
  for (const h of started.splice(0)) {
    if (h.child.exitCode === null && h.child.signalCode === null) {
      h.child.kill('SIGKILL')
      await h.exited
    }
  }
})
async function host(dataDir: string, opts: Parameters<typeof startHost>[1] = {}) {
  const h = await startHost(dataDir, opts)
  started.push(h)
  return h
}

const FIRST_ADMIN = { name: '阳光花园', office: '阳光花园物业服务中心', timeZone: 'Asia/Shanghai', adminStaffNo: 'admin', adminName: '赵敏', adminPin: '246810' }
const isRoot = process.getuid?.() === 0
const NOBODY = 65534

describe('host mode as a process', () => {
  it('refuses a second instance on the same data folder, and frees the folder on a normal stop', async () => {
    const dir = tempDir('desk-proc-')
    const a = await host(dir)
    expect(a.port).toBeGreaterThan(0)
    const b = await host(dir)
    expect(await b.exited).toEqual({ code: 2, signal: null })
    expect(b.err()).toContain(`数据文件夹正被另一个前台程序使用(主机模式,进程号 ${a.child.pid}`)
    expect(b.err()).toContain(dir)
    expect(b.err()).not.toMatch(/\n\s+at /) // no stack trace
    // The first one is untouched and still serves.
    expect((await hostCall(a.base, 'setup.status', {})).body).toEqual({ ok: true, value: { needsSetup: true } })
    a.child.kill('SIGTERM')
    expect(await a.exited).toEqual({ code: 0, signal: null })
    const c = await host(dir)
    expect(c.port).toBeGreaterThan(0)
  }, 120_000)

  it('a folder left by kill -9 is not locked (the OS drops the lock with the process)', async () => {
    const dir = tempDir('desk-proc-')
    const a = await host(dir)
    a.child.kill('SIGKILL')
    await a.exited
    const b = await host(dir)
    expect(b.port).toBeGreaterThan(0)
    expect((await hostCall(b.base, 'setup.status', {})).status).toBe(200)
  }, 120_000)

  it('SIGTERM during a burst of calls exits 0, with every answered call complete and no "Database handle is closed"', async () => {
    const dir = tempDir('desk-proc-')
    const a = await host(dir)
    await hostCall(a.base, 'setup.create', FIRST_ADMIN)
    const { body } = await hostCall(a.base, 'auth.login', { staffNo: 'admin', pin: '246810' })
    const token = (body.value as { token: string }).token
    // Eight clients writing and reading as fast as they can; SIGTERM lands in the middle.
    let done = false
    void a.exited.then(() => (done = true))
    const statuses: number[] = []
    let n = 0
    const client = async () => {
      while (!done) {
        const i = n++
        await hostCall(a.base, i % 2 ? 'building.create' : 'building.list', i % 2 ? { code: `B${i}` } : {}, token).then(
          (r) => statuses.push(r.status),
          () => undefined, // connection refused once the stop began
        )
      }
    }
    const clients = Array.from({ length: 8 }, client)
    await new Promise((r) => setTimeout(r, 700))
    const before = statuses.length
    a.child.kill('SIGTERM')
    await Promise.all(clients)
    expect(await a.exited).toEqual({ code: 0, signal: null })
    expect(before).toBeGreaterThan(8)
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true)
    expect(a.err()).not.toContain('handle is closed')
    expect(a.err()).not.toContain('INTERNAL')
    expect(a.err()).toBe('')
  }, 120_000)

  it.skipIf(!isRoot)('a data folder it cannot write: says so in Chinese, with the folder, exit 2, no stack trace', async () => {
    const dir = tempDir('desk-proc-ro-')
    fs.chmodSync(dir, 0o755) // owned by root: not writable for nobody
    const h = await host(dir, { uid: NOBODY })
    expect(await h.exited).toEqual({ code: 2, signal: null })
    expect(h.err().trim()).toBe(
      `[desk] 无法启动:无法写入数据文件夹:${dir}(没有写入权限)。程序已停止启动,数据未被改动;请让管理员给当前用户开放该文件夹的读写权限,或用 --data-dir 指定其他文件夹。`,
    )
    expect(fs.readdirSync(dir)).toEqual([])
  }, 120_000)

  it.skipIf(!isRoot)('a database file it cannot write: names the file, leaves it unchanged', async () => {
    const dir = tempDir('desk-proc-rofile-')
    const core = await freshCore(dir)
    await core.close()
    const file = path.join(dir, 'desk.sqlite')
    for (const f of fs.readdirSync(dir)) if (f !== 'desk.sqlite' && f !== 'backups') fs.rmSync(path.join(dir, f), { recursive: true })
    fs.chownSync(dir, NOBODY, NOBODY) // the folder is theirs, the file is not
    fs.chmodSync(file, 0o644)
    const before = fs.readFileSync(file)
    const h = await host(dir, { uid: NOBODY })
    expect(await h.exited).toEqual({ code: 2, signal: null })
    expect(h.err()).toContain(`[desk] 无法启动:无法写入数据文件:${file}(文件是只读的或没有写入权限)`)
    expect(h.err()).not.toMatch(/\n\s+at /)
    expect(fs.readFileSync(file).equals(before)).toBe(true)
  }, 120_000)
})

describe('data folder lock in one process', () => {
  it('a second lock on the same folder is refused at once; released, it can be taken again', async () => {
    const dir = tempDir('desk-lock-')
    checkDataFolder(dir)
    const first = await lockDataFolder(dir, '测试')
    const t0 = Date.now()
    await expect(lockDataFolder(dir, '测试2')).rejects.toMatchObject({ kind: 'IN_USE' })
    expect(Date.now() - t0).toBeLessThan(2000)
    await first.release()
    const again = await lockDataFolder(dir, '测试3')
    await again.release()
  })
})
