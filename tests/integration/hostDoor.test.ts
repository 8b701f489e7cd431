import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type http from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import type { Core } from '../../electron/core/app'
import { createHostServer } from '../../electron/host/server'
import { freshCore, setUpSite, tempDir } from '../helpers/core'

let core: Core
let server: http.Server
afterEach(async () => {
  await new Promise((r) => server?.close(r))
  await core?.close()
})

async function host() {
  core = await freshCore()
  const token = await setUpSite(core)
  const staticDir = tempDir('desk-static-')
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<div id="root"></div>')
  server = createHostServer(core, staticDir)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const post = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })
  return { base, token, post }
}

describe('host mode HTTP door', () => {
  it('serves the contract with the same results and error shape as IPC', async () => {
    const { token, post } = await host()
    const ok = await post('building.list', {}, { 'x-desk-token': token })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ ok: true, value: [] })
    const bad = await post('building.create', { code: '三号楼' }, { 'x-desk-token': token })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ ok: false, error: { code: 'INVALID_INPUT', field: 'code', message: '楼栋号应为1–10位字母或数字' } })
    expect((await post('building.list', {})).status).toBe(401)
    expect((await post('no.such', {}, { 'x-desk-token': token })).status).toBe(404)
  })

  it('refuses non-JSON posts and broken JSON, and never serves files outside its folder', async () => {
    const { base, post } = await host()
    const form = await fetch(`${base}/api/setup.status`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' })
    expect(form.status).toBe(405)
    expect((await post('setup.status', '{not json')).status).toBe(400)
    const res = await fetch(`${base}/..%2f..%2fpackage.json`)
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain('wuye-desk')
    const page = await fetch(`${base}/units/123`)
    expect(await page.text()).toContain('root')
  })
})
