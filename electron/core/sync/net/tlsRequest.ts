import https from 'node:https'
import type { IncomingHttpHeaders } from 'node:http'
import type { TLSSocket } from 'node:tls'
import { SyncNetError } from './errors'
import { fingerprintOfDer } from './fingerprint'
import type { Identity } from './identity'
import { sessionKeyingMaterial } from './proof'

// One JSON POST over mutual TLS. Nothing of the request (headers included) leaves before the peer's
// certificate is checked against the pinned fingerprint, and the headers are made after the
// handshake because the proofs need the session's keying material.

export const DEFAULT_SYNC_PORT = 47800
const MAX_ANSWER = 64 * 1024 * 1024

export interface PostOptions {
  address: string
  identity: Identity
  path: string
  /** The JSON body, or a function of the session's keying material (the pairing proof rides in it). */
  body: unknown | ((ekm: Buffer) => unknown)
  /** The pinned peer; null only for the pairing hello, which learns it. */
  expectFingerprint: string | null
  timeoutMs: number
  agent?: https.Agent
  /** Headers computed from the session's keying material (the proofs). */
  headers?: (ekm: Buffer) => Record<string, string>
}

export interface PostAnswer {
  status: number
  json: unknown
  headers: IncomingHttpHeaders
  peerFingerprint: string
  ekm: Buffer
}

/** "192.168.1.20:47800", "[fe80::1]:47800" or a bare host (default port). */
export function parseAddress(address: string): { host: string; port: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(address.trim())
  if (v6) return { host: v6[1], port: v6[2] ? Number(v6[2]) : DEFAULT_SYNC_PORT }
  const m = /^([^:]+)(?::(\d+))?$/.exec(address.trim())
  if (!m) throw new SyncNetError('protocol', `地址格式不符:${address}`)
  return { host: m[1], port: m[2] ? Number(m[2]) : DEFAULT_SYNC_PORT }
}

// Sockets whose peer certificate we already checked (kept-alive ones come back already secure).
const checked = new WeakMap<TLSSocket, string>()

const RETRYABLE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])

export async function postJson(o: PostOptions): Promise<PostAnswer> {
  try {
    return await postOnce(o)
  } catch (e) {
    // A kept-alive socket the peer closed meanwhile: try once more on a fresh one.
    if ((e as { reusedSocket?: boolean }).reusedSocket) return postOnce(o)
    throw e
  }
}

function postOnce(o: PostOptions): Promise<PostAnswer> {
  const { host, port } = parseAddress(o.address)
  return new Promise<PostAnswer>((resolve, reject) => {
    let settled = false
    let answered = false
    const fail = (e: Error) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req.destroy()
      reject(e)
    }
    const timer = setTimeout(() => fail(new SyncNetError('offline', `对方终端(${o.address})无响应`)), o.timeoutMs)

    const req = https.request({
      host,
      port,
      method: 'POST',
      path: o.path,
      cert: o.identity.certPem,
      key: o.identity.keyPem,
      rejectUnauthorized: false, // self-signed: checked below by fingerprint
      minVersion: 'TLSv1.2',
      agent: o.agent ?? false,
      headers: { 'content-type': 'application/json' },
    })

    let peerFingerprint = ''
    let ekm: Buffer = Buffer.alloc(0)
    const send = (socket: TLSSocket) => {
      if (settled) return
      let fp = checked.get(socket)
      if (fp === undefined) {
        const raw = socket.getPeerCertificate(true)?.raw
        fp = raw ? fingerprintOfDer(raw) : ''
        checked.set(socket, fp)
      }
      if (o.expectFingerprint && fp !== o.expectFingerprint) {
        socket.destroy()
        return fail(new SyncNetError('pinMismatch', '对方证书与登记的不符'))
      }
      peerFingerprint = fp
      ekm = sessionKeyingMaterial(socket)
      const body = typeof o.body === 'function' ? (o.body as (ekm: Buffer) => unknown)(ekm) : o.body
      const payload = Buffer.from(JSON.stringify(body ?? null), 'utf8')
      for (const [k, v] of Object.entries(o.headers?.(ekm) ?? {})) req.setHeader(k, v)
      req.setHeader('content-length', String(payload.length))
      req.end(payload)
    }
    req.on('socket', (s) => {
      const socket = s as TLSSocket
      // A kept-alive socket is one we checked before; a new one is checked once its handshake is done.
      if (checked.has(socket)) send(socket)
      else socket.once('secureConnect', () => send(socket))
    })
    req.on('error', (e) => {
      const err = e instanceof SyncNetError ? e : new SyncNetError('offline', `无法连接对方终端(${o.address}):${(e as NodeJS.ErrnoException).code ?? e.message}`)
      if (!answered && req.reusedSocket && RETRYABLE.has((e as NodeJS.ErrnoException).code ?? '')) Object.assign(err, { reusedSocket: true })
      fail(err)
    })
    req.on('response', (res) => {
      answered = true
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (c: Buffer) => {
        size += c.length
        if (size > MAX_ANSWER) fail(new SyncNetError('protocol', '对方的答复过大'))
        else chunks.push(c)
      })
      res.on('error', (e) => fail(new SyncNetError('offline', `与对方终端的连接中断:${e.message}`)))
      res.on('end', () => {
        if (settled) return
        let json: unknown
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        } catch {
          return fail(new SyncNetError('protocol', '对方的答复格式不符', res.statusCode))
        }
        settled = true
        clearTimeout(timer)
        resolve({ status: res.statusCode ?? 0, json, headers: res.headers, peerFingerprint, ekm })
      })
    })
  })
}

/** A 4xx/5xx answer as a typed error, carrying the peer's reason. */
export function answerError(a: PostAnswer): SyncNetError {
  const j = (a.json ?? {}) as { error?: string; message?: string }
  const why = j.message ?? j.error ?? `HTTP ${a.status}`
  return a.status >= 500 ? new SyncNetError('remote', `对方终端处理失败:${why}`, a.status, j.error) : new SyncNetError('refused', `对方拒绝:${why}`, a.status, j.error)
}
