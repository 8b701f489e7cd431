import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import sqlite3 from 'sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { closeConnection, openConnection } from '../../electron/core/db/connection'
import type { Core } from '../../electron/core/app'
import { createHostServer, type HostServer } from '../../electron/host/server'
import { freshCore, setUpSite, tempDir } from '../helpers/core'

let core: Core
let server: HostServer
afterEach(async () => {
  await server?.stop(0)
  await core?.close()
})

interface Raw {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** One request with exactly the headers given (fetch will not let a test set Host). */
function raw(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}

/**
 * Sends only the request head (and `firstBytes` of a body it claims to be much larger), then waits
 * for the answer: a door that read the whole body first would never answer.
 */
function headOnly(port: number, head: string, firstBytes = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () => sock.write(head + '\r\n' + firstBytes))
    let got = ''
    sock.setEncoding('utf8')
    sock.on('data', (c: string) => {
      got += c
      const split = got.indexOf('\r\n\r\n')
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(got)?.[1])
      const len = Number(/content-length: (\d+)/i.exec(got)?.[1])
      if (split > 0 && Buffer.byteLength(got.slice(split + 4)) >= len) {
        sock.destroy()
        resolve({ status, body: got.slice(split + 4) })
      }
    })
    sock.on('end', () => reject(new Error(`closed without a full answer; got: ${got.slice(0, 200)}`)))
    sock.on('error', reject)
    setTimeout(() => {
      sock.destroy()
      reject(new Error(`no answer within 5 s; got: ${got.slice(0, 200)}`))
    }, 5000)
  })
}

async function host(opts: { setup?: boolean; staticDir?: string; allowedHosts?: string[] } = {}) {
  core = await freshCore()
  const token = opts.setup === false ? '' : await setUpSite(core)
  const staticDir = opts.staticDir ?? tempDir('desk-static-')
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<div id="root"></div>')
  server = createHostServer(core, staticDir, { allowedHosts: opts.allowedHosts })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  const base = `http://127.0.0.1:${port}`
  const post = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })
  return { base, port, token, post }
}

const FIRST_ADMIN = { name: '阳光花园', office: '阳光花园物业服务中心', timeZone: 'Asia/Shanghai', adminStaffNo: 'admin', adminName: '赵敏', adminPin: '246810' }

describe('host mode HTTP door', () => {
  it('serves the contract with the same results and error shape as IPC', async () => {
    const { token, post } = await host()
    const ok = await post('building.list', {}, { 'x-desk-token': token })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ ok: true, value: [] })
    const bad = await post('building.create', { code: '楼@3' }, { 'x-desk-token': token })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ ok: false, error: { code: 'INVALID_INPUT', field: 'code', message: '楼栋号应为1–10位字母或数字(例如 3、3栋、3号楼)' } })
    expect((await post('building.list', {})).status).toBe(401)
    expect((await post('no.such', {}, { 'x-desk-token': token })).status).toBe(404)
    // Names of Object.prototype are not methods.
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect((await post(name, {}, { 'x-desk-token': token })).status).toBe(404)
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

  it('answers a malformed %-escape with 400 and keeps serving (one <img> used to stop the process)', async () => {
    const { base, port, token, post } = await host()
    for (const p of ['/%E0%A4%A', '/%', '/assets/%ZZ.js', '/%00', '/a%2500%00b']) {
      const r = await raw(port, { path: p, headers: { host: `127.0.0.1:${port}` } })
      expect(r.status, p).toBe(400)
      expect(JSON.parse(r.body).error.message).toBe('请求地址含有无效的编码')
    }
    for (const p of ['/api/%E0%A4%A', '/api/auth.login%ZZ', '/api/%']) {
      const r = await raw(port, { method: 'POST', path: p, headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json' }, body: '{}' })
      expect(r.status, p).toBe(400)
    }
    // A request line Node itself cannot parse gets Node's 400; the server lives on.
    const junk = await headOnly(port, 'GET /\u00ff HTTP/1.1\r\nHost: 127.0.0.1\r\n').catch(() => null)
    if (junk) expect(junk.status).toBe(400)
    expect((await fetch(`${base}/`)).status).toBe(200)
    expect((await post('building.list', {}, { 'x-desk-token': token })).status).toBe(200)
  })

  it('refuses a foreign Host header (DNS rebinding), also for login and creating the first administrator', async () => {
    const { port, post } = await host({ setup: false })
    const evil = { host: `desk.evil.example:${port}`, 'content-type': 'application/json' }
    const create = await raw(port, { method: 'POST', path: '/api/setup.create', headers: evil, body: JSON.stringify(FIRST_ADMIN) })
    expect(create.status).toBe(403)
    expect(JSON.parse(create.body).error.message).toContain('不是本机前台的地址')
    expect((await raw(port, { method: 'POST', path: '/api/auth.login', headers: evil, body: JSON.stringify({ staffNo: 'admin', pin: '246810' }) })).status).toBe(403)
    expect((await raw(port, { path: '/', headers: { host: `desk.evil.example:${port}` } })).status).toBe(403)
    // Right name, wrong port (another service's page); no Host at all; garbage.
    for (const host of [`127.0.0.1:${port + 1}`, '127.0.0.1', 'localhost.evil.example', `127.0.0.1:${port}@evil`]) {
      expect((await raw(port, { path: '/', headers: { host } })).status, host).toBe(403)
    }
    // Nothing was created: the site still needs its first administrator.
    expect(await (await post('setup.status', {})).json()).toEqual({ ok: true, value: { needsSetup: true } })
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
      expect((await raw(port, { path: '/', headers: { host } })).status, host).toBe(200)
    }
  })

  it('accepts the LAN names it is given, with its own port only', async () => {
    const { port } = await host({ allowedHosts: ['desk-pc-1.local'] })
    expect((await raw(port, { path: '/', headers: { host: `desk-pc-1.local:${port}` } })).status).toBe(200)
    expect((await raw(port, { path: '/', headers: { host: `desk-pc-2.local:${port}` } })).status).toBe(403)
    expect((await raw(port, { path: '/', headers: { host: 'desk-pc-1.local:1' } })).status).toBe(403)
  })

  it('refuses a POST whose Origin is another site (or "null"); its own origin and none (a program, not a page) pass', async () => {
    const { base, port, post } = await host({ setup: false })
    for (const origin of ['http://desk.evil.example', `http://desk.evil.example:${port}`, 'null', `http://127.0.0.1:${port + 1}`, `file://`, 'garbage']) {
      const r = await post('setup.create', FIRST_ADMIN, { origin })
      expect(r.status, origin).toBe(403)
      expect((await r.json()).error.message).toContain('拒绝来自其他网页的请求')
    }
    expect(await (await post('setup.status', {})).json()).toEqual({ ok: true, value: { needsSetup: true } })
    expect((await post('setup.status', {}, { origin: base })).status).toBe(200)
    expect((await post('setup.status', {}, { origin: `http://localhost:${port}` })).status).toBe(200)
    expect((await post('setup.status', {})).status).toBe(200)
  })

  it('answers an oversize body with 413 and a message, from Content-Length alone, without reading it', async () => {
    const { port, token } = await host()
    const head = (method: string, len: number, extra = '') =>
      `POST /api/${method} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${len}\r\nx-desk-token: ${token}\r\n${extra}`
    const r = await headOnly(port, head('building.create', 50_000_000), '{"code":"')
    expect(r.status).toBe(413)
    expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请求内容过大:此操作最多接受 256 KB' } })
    // A method that takes files declares its own limit.
    const imp = await headOnly(port, head('import.preview', 60_000_000))
    expect(imp.status).toBe(413)
    expect(JSON.parse(imp.body).error.message).toBe('请求内容过大:此操作最多接受 38 MB')
  })

  it('stops reading a chunked body at the method limit and answers 413', async () => {
    const { port, token } = await host()
    const res = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/log.list', agent: false, headers: { 'content-type': 'application/json', 'x-desk-token': token, 'transfer-encoding': 'chunked' } })
      let sent = 0
      req.on('response', (r) => {
        let body = ''
        r.setEncoding('utf8')
        r.on('data', (c: string) => (body += c))
        r.on('end', () => resolve({ status: r.statusCode!, body, sent }))
      })
      req.on('error', reject)
      // 64 KB chunks until answered, never ending the request: at most 10 MB if nobody listens.
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const pump = () => {
        if (sent >= 10 * 1024 * 1024 || req.destroyed) return
        sent += chunk.length
        if (req.write(chunk)) setImmediate(pump)
        else req.once('drain', pump)
      }
      pump()
    })
    expect(res.status).toBe(413)
    expect(JSON.parse(res.body).error.message).toBe('请求内容过大:此操作最多接受 256 KB')
    expect(res.sent).toBeLessThan(10 * 1024 * 1024)
  })

  it('refuses a big body without a valid session before reading it', async () => {
    const { port, post } = await host()
    const head = (token: string | null) =>
      `POST /api/permit.apply HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 30000000\r\n${token ? `x-desk-token: ${token}\r\n` : ''}`
    for (const token of [null, 'forged-token-000000000000000000000000']) {
      const r = await headOnly(port, head(token), '{"kind":')
      expect(r.status).toBe(401)
      expect(JSON.parse(r.body).error).toEqual({ code: 'UNAUTHENTICATED', message: '未登录或登录已过期,请重新登录' })
    }
    // Unknown method: refused by name, before the body.
    const unknown = await headOnly(port, `POST /api/no.such HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 30000000\r\n`)
    expect(unknown.status).toBe(404)
    // A public method has the small limit.
    const login = await post('auth.login', JSON.stringify({ staffNo: 'admin', pin: 'x'.repeat(300 * 1024) }))
    expect(login.status).toBe(413)
  })

  it('does not serve a sibling folder whose name starts like the renderer folder', async () => {
    const parent = tempDir('desk-static-parent-')
    const rendererDir = path.join(parent, 'renderer')
    fs.mkdirSync(rendererDir)
    fs.mkdirSync(path.join(parent, 'renderer-old'))
    fs.writeFileSync(path.join(parent, 'renderer-old', 'secret.txt'), 'SECRET-SIBLING')
    fs.writeFileSync(path.join(rendererDir, 'app.js'), 'console.log(1)')
    const { base, port } = await host({ staticDir: rendererDir })
    for (const p of ['/..%2frenderer-old%2fsecret.txt', '/%2e%2e/renderer-old/secret.txt', '/..%5crenderer-old%5csecret.txt']) {
      const r = await raw(port, { path: p, headers: { host: `127.0.0.1:${port}` } })
      expect(r.body, p).not.toContain('SECRET-SIBLING')
    }
    expect((await raw(port, { path: '/..%2frenderer-old%2fsecret.txt', headers: { host: `127.0.0.1:${port}` } })).status).toBe(403)
    expect(await (await fetch(`${base}/app.js`)).text()).toBe('console.log(1)')
  })

  it('sends CSP, nosniff and no-framing headers on pages, files and API answers', async () => {
    const { base, post } = await host()
    for (const res of [await fetch(`${base}/`), await fetch(`${base}/units/1`), await post('setup.status', {}), await fetch(`${base}/%E0%A4%A`)]) {
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("style-src 'self' 'unsafe-inline'")
      expect(csp).toContain("object-src 'none'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
    }
  })

  it('a write locked out by another program answers 503 with the Chinese message, and the door stays open', async () => {
    const { post, token } = await host()
    const other = await openConnection(core.dbFile, sqlite3.OPEN_READWRITE)
    await new Promise<void>((res, rej) => other.exec('BEGIN IMMEDIATE', (e) => (e ? rej(e) : res())))
    const r = await post('building.create', { code: '9' }, { 'x-desk-token': token })
    expect(r.status).toBe(503)
    expect((await r.json()).error.message).toContain('数据库正被另一个程序占用')
    await closeConnection(other)
    expect((await post('building.create', { code: '9' }, { 'x-desk-token': token })).status).toBe(200)
  }, 20_000)

  it('stop() lets a running call finish, then refuses new ones', async () => {
    const { post, token } = await host()
    // A call that takes a while inside the core.
    const call = core.call
    let started!: () => void
    const inCore = new Promise<void>((r) => (started = r))
    core.call = async (name, input, tok) => {
      if (name === 'building.list') {
        started()
        await new Promise((r) => setTimeout(r, 300))
      }
      return call(name, input, tok)
    }
    const running = post('building.list', {}, { 'x-desk-token': token })
    await inCore
    await server.stop(5000)
    expect((await running).status).toBe(200)
    await expect(post('building.list', {}, { 'x-desk-token': token })).rejects.toThrow()
  })
})
