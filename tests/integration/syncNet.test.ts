import { X509Certificate, createPrivateKey, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import https from 'node:https'
import os from 'node:os'
import path from 'node:path'
import type { TLSSocket } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isPrivateOrLoopback, lanAddresses } from '../../electron/core/sync/net/addresses'
import { closeSyncConnections, syncCall } from '../../electron/core/sync/net/client'
import { SyncNetError } from '../../electron/core/sync/net/errors'
import { fingerprintOfPem, IDENTITY_FILE, loadOrCreateIdentity, shortFingerprint, type Identity } from '../../electron/core/sync/net/identity'
import { PROOF_HEADER, proofOf, sessionKeyingMaterial } from '../../electron/core/sync/net/proof'
import { startSyncServer, type SyncRefusal, type SyncRequest, type SyncServer, type SyncServerOptions } from '../../electron/core/sync/net/server'
import { postJson } from '../../electron/core/sync/net/tlsRequest'

// The transport over real TLS on 127.0.0.1: who is let in, who is refused, and why.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-net-'))
let A: Identity // the server
let B: Identity // a paired peer
let C: Identity // a stranger with a valid-looking certificate
const siteKey = randomBytes(32)

beforeAll(async () => {
  ;[A, B, C] = await Promise.all(['a', 'b', 'c'].map((d) => loadOrCreateIdentity(path.join(tmp, d))))
})
afterAll(() => {
  closeSyncConnections()
  fs.rmSync(tmp, { recursive: true, force: true })
})

interface Harness {
  server: SyncServer
  address: string
  requests: SyncRequest[]
  refusals: SyncRefusal[]
}
async function serve(over: Partial<SyncServerOptions> = {}): Promise<Harness> {
  const requests: SyncRequest[] = []
  const refusals: SyncRefusal[] = []
  const server = await startSyncServer({
    identity: A,
    host: '127.0.0.1',
    port: 0,
    peerByFingerprint: (fp) => (fp === B.fingerprint ? { terminalId: 'T-B', name: '后台' } : null),
    siteKey: () => siteKey,
    onRequest: (r) => {
      requests.push(r)
      return { ok: true, echo: r.body }
    },
    onRefused: (r) => refusals.push(r),
    ...over,
  })
  return { server, address: `127.0.0.1:${server.port}`, requests, refusals }
}

/** A hand-made request: any bytes, any proof (computed on this session's keying material, or not). */
function raw(port: number, id: Identity, p: string, payload: string | Buffer, proof?: (ekm: Buffer) => string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, method: 'POST', path: p, cert: id.certPem, key: id.keyPem, rejectUnauthorized: false, agent: false })
    req.on('socket', (s) =>
      s.once('secureConnect', () => {
        if (proof) req.setHeader(PROOF_HEADER, proof(sessionKeyingMaterial(s as TLSSocket)))
        req.end(payload)
      }),
    )
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }))
    })
    req.on('error', reject)
  })
}

const thrown = async (p: Promise<unknown>): Promise<SyncNetError> => {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(SyncNetError)
    return e as SyncNetError
  }
  throw new Error('expected a refusal')
}

describe('identity', () => {
  it('is an ECDSA P-256 self-signed certificate for 10 years, CN desk-terminal, matching its key', () => {
    const cert = new X509Certificate(A.certPem)
    expect(cert.subject).toBe('CN=desk-terminal')
    expect(cert.publicKey.asymmetricKeyType).toBe('ec')
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
    expect(cert.verify(cert.publicKey)).toBe(true)
    expect(cert.checkPrivateKey(createPrivateKey(A.keyPem))).toBe(true)
    const years = (new Date(cert.validTo).getTime() - Date.now()) / (365.25 * 86_400_000)
    expect(years).toBeGreaterThan(9.9)
    expect(years).toBeLessThan(10.1)
    expect(A.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(A.fingerprint).toBe(fingerprintOfPem(A.certPem))
    expect(A.shortFingerprint).toBe(A.fingerprint.slice(0, 16).toUpperCase().replace(/(.{4})(?=.)/g, '$1-'))
    expect(shortFingerprint('3f2a91c07b4d0e11ffff')).toBe('3F2A-91C0-7B4D-0E11')
    expect(new Set([A.fingerprint, B.fingerprint, C.fingerprint]).size).toBe(3)
  })

  it('is made once, stored 0600, and the stored one is reused', async () => {
    const file = path.join(tmp, 'a', IDENTITY_FILE)
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect((await loadOrCreateIdentity(path.join(tmp, 'a'))).fingerprint).toBe(A.fingerprint)
    // A fresh process reads the file rather than minting a new identity.
    const copy = path.join(tmp, 'a-copy')
    fs.mkdirSync(copy)
    fs.copyFileSync(file, path.join(copy, IDENTITY_FILE))
    expect(await loadOrCreateIdentity(copy)).toEqual(A)
  })

  it('refuses a damaged file instead of silently becoming another terminal', async () => {
    const dir = path.join(tmp, 'broken')
    fs.mkdirSync(dir)
    fs.writeFileSync(path.join(dir, IDENTITY_FILE), JSON.stringify({ keyPem: B.keyPem, certPem: A.certPem }))
    await expect(loadOrCreateIdentity(dir)).rejects.toThrow(/同步证书文件已损坏/)
  })
})

describe('addresses', () => {
  it('lets in private and loopback only, IPv4-mapped included', () => {
    for (const ip of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.20', '127.0.0.1', '169.254.3.4', '::1', 'fc00::1', 'fd12:3456::7', 'fe80::1', 'fe80::1%eth0', '::ffff:192.168.1.20', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a00:1'])
      expect(isPrivateOrLoopback(ip), ip).toBe(true)
    for (const ip of ['8.8.8.8', '172.15.0.1', '172.32.0.1', '192.169.0.1', '11.0.0.1', '100.64.0.1', '::', '2001:db8::1', 'fec0::1', '::ffff:8.8.8.8', '::ffff:808:808', '::2', 'localhost', '', 'not an ip', '1.2.3'])
      expect(isPrivateOrLoopback(ip), ip).toBe(false)
  })
  it('lists this machine’s private IPv4 addresses with the port', () => {
    for (const a of lanAddresses(47800)) {
      expect(a).toMatch(/^\d+\.\d+\.\d+\.\d+:47800$/)
      expect(isPrivateOrLoopback(a.split(':')[0])).toBe(true)
    }
  })
})

describe('sync calls over pinned mutual TLS', () => {
  it('a paired peer with the site key gets its answer; the server proves the key back', async () => {
    const h = await serve()
    try {
      const answer = await syncCall({ address: h.address, identity: B, expectFingerprint: A.fingerprint, siteKey, name: 'pull', body: { after: { X: 3 } } })
      expect(answer).toEqual({ ok: true, echo: { after: { X: 3 } } })
      expect(h.requests).toEqual([{ peer: { terminalId: 'T-B', name: '后台', fingerprint: B.fingerprint }, name: 'pull', body: { after: { X: 3 } } }])
      expect(h.refusals).toEqual([])
    } finally {
      await h.server.close()
    }
  })

  it('10,000 changes in batches of 2,000 cross in well under 2 s on one kept-alive connection', async () => {
    let connections = 0
    const h = await serve({ allowRemote: () => (connections++, true) })
    try {
      const change = (i: number) => ({ origin: 'T-B', seq: i, hlc: `2026-12-01T11:00:00.000Z-${String(i).padStart(4, '0')}-T-B`, table: 'duty_log', rowId: `0193-${i}`, values: { content: `来电咨询 ${i} 号`, status: '已处理' } })
      const t0 = performance.now()
      for (let b = 0; b < 5; b++) {
        const body = { changes: Array.from({ length: 2000 }, (_, i) => change(b * 2000 + i)) }
        await syncCall({ address: h.address, identity: B, expectFingerprint: A.fingerprint, siteKey, name: 'push', body })
      }
      const ms = performance.now() - t0
      console.log(`syncNet: 10,000 changes in 5 calls: ${ms.toFixed(0)} ms, ${connections} allowRemote checks`)
      expect(h.requests).toHaveLength(5)
      expect(ms).toBeLessThan(2000)
      // One TCP connection (1 check) + one check per request: a second connection would add more.
      expect(connections).toBeLessThanOrEqual(6)
    } finally {
      closeSyncConnections()
      await h.server.close()
    }
  })

  it('an unknown certificate is refused and logged; nothing reaches the core', async () => {
    const h = await serve()
    try {
      const e = await thrown(syncCall({ address: h.address, identity: C, expectFingerprint: A.fingerprint, siteKey, name: 'pull', body: {} }))
      expect(e.kind).toBe('refused')
      expect(e.status).toBe(403)
      expect(e.reason).toBe('unknown certificate')
      expect(h.requests).toEqual([])
      expect(h.refusals).toEqual([expect.objectContaining({ fingerprint: C.fingerprint, reason: '证书未登记', remote: expect.stringContaining('127.0.0.1') })])
    } finally {
      await h.server.close()
    }
  })

  it('a revoked terminal is refused', async () => {
    const h = await serve({ peerByFingerprint: (fp) => (fp === B.fingerprint ? { terminalId: 'T-B', name: '后台', revoked: true } : null) })
    try {
      const e = await thrown(syncCall({ address: h.address, identity: B, expectFingerprint: A.fingerprint, siteKey, name: 'pull', body: {} }))
      expect(e.kind).toBe('refused')
      expect(h.requests).toEqual([])
      expect(h.refusals[0].reason).toBe('证书已被移除')
    } finally {
      await h.server.close()
    }
  })

  it('the right certificate with a wrong or absent site key is refused', async () => {
    const h = await serve()
    try {
      const e = await thrown(syncCall({ address: h.address, identity: B, expectFingerprint: A.fingerprint, siteKey: randomBytes(32), name: 'pull', body: {} }))
      expect(e.kind).toBe('refused')
      expect(e.reason).toBe('bad proof')
      const none = await raw(h.server.port, B, '/sync/pull', '{}') // no proof header at all
      expect(none.status).toBe(403)
      expect(h.requests).toEqual([])
      expect(h.refusals.map((r) => [r.fingerprint, r.reason])).toEqual([
        [B.fingerprint, '站点密钥证明不符'],
        [B.fingerprint, '站点密钥证明不符'],
      ])
      // And a terminal that has no site key yet does not even try.
      expect((await thrown(syncCall({ address: h.address, identity: B, expectFingerprint: A.fingerprint, siteKey: null, name: 'pull', body: {} }))).kind).toBe('protocol')
    } finally {
      await h.server.close()
    }
  })

  it('a server whose certificate is not the pinned one: the client refuses before sending anything', async () => {
    const h = await serve({ identity: C })
    try {
      const e = await thrown(syncCall({ address: h.address, identity: B, expectFingerprint: A.fingerprint, siteKey, name: 'push', body: { secret: 1 } }))
      expect(e.kind).toBe('pinMismatch')
      expect(e.message).toBe('对方证书与登记的不符')
      expect(h.requests).toEqual([])
      expect(h.refusals).toEqual([]) // not a single request line reached it
    } finally {
      await h.server.close()
    }
  })

  it('a server with the pinned certificate that cannot prove the site key is not believed', async () => {
    // A stolen certificate and key, but not the site key: it answers 200 with whatever proof it can make.
    let proofMaker: ((ekm: Buffer) => string) | null = (ekm) => proofOf(randomBytes(32), 'server', ekm)
    const thief = https.createServer({ key: A.keyPem, cert: A.certPem, requestCert: true, rejectUnauthorized: false }, (req, res) => {
      if (proofMaker) res.setHeader(PROOF_HEADER, proofMaker(sessionKeyingMaterial(req.socket as TLSSocket)))
      res.end('{"ok":true,"changes":[]}')
    })
    await new Promise<void>((r) => thief.listen(0, '127.0.0.1', r))
    const address = `127.0.0.1:${(thief.address() as { port: number }).port}`
    try {
      const call = () => syncCall({ address, identity: B, expectFingerprint: A.fingerprint, siteKey, name: 'pull', body: {} })
      expect((await thrown(call())).kind).toBe('badProof')
      proofMaker = null // no proof at all
      expect((await thrown(call())).kind).toBe('badProof')
      proofMaker = (ekm) => proofOf(siteKey, 'server', ekm) // the control: with the key it is believed
      expect(await call()).toEqual({ ok: true, changes: [] })
    } finally {
      closeSyncConnections()
      thief.closeAllConnections()
      await new Promise((r) => thief.close(r))
    }
  })

  it('a proof taken from one TLS session is refused on another', async () => {
    const h = await serve()
    try {
      let seen = ''
      const first = await postJson({
        address: h.address,
        identity: B,
        path: '/sync/pull',
        body: { n: 1 },
        expectFingerprint: A.fingerprint,
        timeoutMs: 5000,
        headers: (ekm) => ({ [PROOF_HEADER]: (seen = proofOf(siteKey, 'client', ekm)) }),
      })
      expect(first.status).toBe(200)
      const replay = await postJson({ address: h.address, identity: B, path: '/sync/pull', body: { n: 2 }, expectFingerprint: A.fingerprint, timeoutMs: 5000, headers: () => ({ [PROOF_HEADER]: seen }) })
      expect(replay.status).toBe(403)
      expect(h.requests.map((r) => r.body)).toEqual([{ n: 1 }])
      expect(h.refusals.map((r) => r.reason)).toEqual(['站点密钥证明不符'])
    } finally {
      await h.server.close()
    }
  })

  it('oversize → 413, malformed → 400, unknown path → 404; the core is not called', async () => {
    const h = await serve({ maxBodyBytes: 1024 })
    const proof = (ekm: Buffer) => proofOf(siteKey, 'client', ekm)
    try {
      expect((await raw(h.server.port, B, '/sync/push', JSON.stringify({ pad: 'x'.repeat(2000) }), proof)).status).toBe(413)
      expect((await raw(h.server.port, B, '/sync/push', '{"changes": [', proof)).status).toBe(400)
      expect((await raw(h.server.port, B, '/sync/push', '', proof)).status).toBe(400)
      expect((await raw(h.server.port, B, '/admin', '{}', proof)).status).toBe(404)
      expect((await raw(h.server.port, B, '/sync/../pair', '{}', proof)).status).toBe(404)
      expect(h.requests).toEqual([])
      expect(h.refusals.map((r) => r.reason)).toEqual(['请求过大', '请求格式不符', '请求格式不符'])
    } finally {
      await h.server.close()
    }
  })

  it('a failure in the core reaches the caller as a remote error, still proven', async () => {
    const h = await serve({
      onRequest: () => {
        throw new Error('数据库忙')
      },
    })
    try {
      const e = await thrown(syncCall({ address: h.address, identity: B, expectFingerprint: A.fingerprint, siteKey, name: 'push', body: {} }))
      expect(e.kind).toBe('remote')
      expect(e.message).toContain('数据库忙')
    } finally {
      await h.server.close()
    }
  })

  it('an address outside the LAN gets no handshake (the check injected: the socket is 127.0.0.1 here)', async () => {
    const h = await serve({ allowRemote: () => false })
    try {
      const e = await thrown(syncCall({ address: h.address, identity: B, expectFingerprint: A.fingerprint, siteKey, name: 'pull', body: {}, timeoutMs: 3000 }))
      expect(e.kind).toBe('offline')
      expect(h.requests).toEqual([])
      expect(h.refusals[0]).toEqual(expect.objectContaining({ reason: '非局域网地址', fingerprint: null }))
    } finally {
      await h.server.close()
    }
  })

  it('a peer that is down or silent is "offline", within the timeout', async () => {
    const h = await serve()
    const port = h.server.port
    await h.server.close()
    const e = await thrown(syncCall({ address: `127.0.0.1:${port}`, identity: B, expectFingerprint: A.fingerprint, siteKey, name: 'pull', body: {}, timeoutMs: 2000 }))
    expect(e.kind).toBe('offline')

    const slow = await serve({ onRequest: () => new Promise((r) => setTimeout(() => r({}), 3000)) })
    try {
      const t0 = Date.now()
      const e2 = await thrown(syncCall({ address: slow.address, identity: B, expectFingerprint: A.fingerprint, siteKey, name: 'pull', body: {}, timeoutMs: 300 }))
      expect(e2.kind).toBe('offline')
      expect(Date.now() - t0).toBeLessThan(1500)
    } finally {
      closeSyncConnections()
      await slow.server.close()
    }
  })
})
