import https from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { isPrivateOrLoopback } from './addresses'
import { fingerprintOfDer } from './fingerprint'
import { readJsonBody, sendJson } from './httpJson'
import type { Identity } from './identity'
import type { PairingSponsor, PairRoute } from './pairingSponsor'
import { PROOF_HEADER, proofOf, sameProof, sessionKeyingMaterial } from './proof'

// The sync port: mutual TLS where the certificates are pinned by fingerprint (no CA), plus a
// site-key proof bound to the TLS session; and the three pairing routes guarded by the one-time code.

export interface SyncPeer {
  terminalId: string
  name: string
  /** A removed terminal: its certificate is refused everywhere. */
  revoked?: boolean
}

export interface SyncRefusal {
  remote: string
  fingerprint: string | null
  /** Chinese, for the sync log. */
  reason: string
  path: string
}

export interface SyncRequest {
  peer: SyncPeer & { fingerprint: string }
  name: string
  body: unknown
}

export interface SyncServerOptions {
  identity: Identity
  /** '0.0.0.0' (the LAN) unless told; tests use '127.0.0.1'. */
  host?: string
  /** 0 = any free port. */
  port?: number
  peerByFingerprint: (fingerprint: string) => SyncPeer | null | Promise<SyncPeer | null>
  siteKey: () => Buffer | null
  onRequest: (req: SyncRequest) => unknown
  onRefused?: (r: SyncRefusal) => void
  /** The pairing sponsor (添加终端); absent or null = pairing routes refuse. */
  pairing?: PairingSponsor | null | (() => PairingSponsor | null)
  maxBodyBytes?: number
  /** Whether a remote address may connect; private and loopback only (tests inject). */
  allowRemote?: (ip: string) => boolean
}

export interface SyncServer {
  port: number
  close(): Promise<void>
}

export const MAX_SYNC_BODY = 32 * 1024 * 1024
const MAX_PAIR_BODY = 64 * 1024
const SYNC_PATH = /^\/sync\/([A-Za-z0-9._-]{1,64})$/
const PAIR_PATH = /^\/pair\/(hello|confirm|state)$/

export function startSyncServer(opts: SyncServerOptions): Promise<SyncServer> {
  const allow = opts.allowRemote ?? isPrivateOrLoopback
  const maxBody = opts.maxBodyBytes ?? MAX_SYNC_BODY
  const refused = (r: SyncRefusal) => {
    try {
      opts.onRefused?.(r)
    } catch {
      /* the log must not break the port */
    }
  }

  const server = https.createServer(
    {
      key: opts.identity.keyPem,
      cert: opts.identity.certPem,
      requestCert: true,
      rejectUnauthorized: false, // self-signed peers: we pin fingerprints instead of trusting CAs
      minVersion: 'TLSv1.2',
    },
    (req, res) => {
      handle(req, res).catch((e) => {
        sendJson(res, 500, { error: 'internal', message: (e as Error).message }, {}, true)
      })
    },
  )
  // Long enough that the client's kept-alive socket (30 s idle) is always closed by the client first.
  server.keepAliveTimeout = 60_000
  server.requestTimeout = 120_000

  // Refused before TLS: an address outside the office network gets no handshake at all.
  server.prependListener('connection', (socket: Socket) => {
    const remote = socket.remoteAddress ?? ''
    if (!allow(remote)) {
      refused({ remote, fingerprint: null, reason: '非局域网地址', path: '' })
      socket.destroy()
    }
  })
  server.on('tlsClientError', () => {
    /* a failed handshake is the peer's problem; nothing to answer */
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const socket = req.socket as TLSSocket
    const remote = socket.remoteAddress ?? ''
    const path = (req.url ?? '').split('?')[0]
    const raw = socket.getPeerCertificate(true)?.raw
    const fingerprint = raw ? fingerprintOfDer(raw) : null
    const refuse = (status: number, error: string, reason: string) => {
      refused({ remote, fingerprint, reason, path })
      sendJson(res, status, { error, message: reason }, {}, true)
    }
    if (!allow(remote)) return refuse(403, 'not lan', '非局域网地址') // in case the socket check was bypassed

    const sync = req.method === 'POST' ? SYNC_PATH.exec(path) : null
    const pair = req.method === 'POST' ? PAIR_PATH.exec(path) : null
    if (!sync && !pair) return sendJson(res, 404, { error: 'not found' }, {}, true)
    if (!fingerprint) return refuse(403, 'no certificate', '未出示证书')

    if (pair) {
      const sponsor = typeof opts.pairing === 'function' ? opts.pairing() : opts.pairing
      if (!sponsor) return refuse(403, 'pairing closed', '本机未在添加终端')
      const read = await readJsonBody(req, MAX_PAIR_BODY)
      if (!read.ok) return refuse(read.status, read.status === 413 ? 'too large' : 'malformed', read.status === 413 ? '请求过大' : '请求格式不符')
      const answer = await sponsor.handle(pair[1] as PairRoute, read.body, { fingerprint, ekm: sessionKeyingMaterial(socket) })
      if (answer.refusal) refused({ remote, fingerprint, reason: answer.refusal, path })
      return sendJson(res, answer.status, answer.body, {}, answer.status >= 400)
    }

    const peer = await opts.peerByFingerprint(fingerprint)
    if (!peer) return refuse(403, 'unknown certificate', '证书未登记')
    if (peer.revoked) return refuse(403, 'revoked certificate', '证书已被移除')
    const siteKey = opts.siteKey()
    if (!siteKey) return refuse(403, 'no site key', '本机尚无站点密钥')
    const ekm = sessionKeyingMaterial(socket)
    if (!sameProof(proofOf(siteKey, 'client', ekm), req.headers[PROOF_HEADER])) return refuse(403, 'bad proof', '站点密钥证明不符')

    // Only now is the body worth reading: an unknown caller cannot make us buffer 32 MB.
    const read = await readJsonBody(req, maxBody)
    if (!read.ok) return refuse(read.status, read.status === 413 ? 'too large' : 'malformed', read.status === 413 ? '请求过大' : '请求格式不符')
    const serverProof = { [PROOF_HEADER]: proofOf(siteKey, 'server', ekm) }
    let answer: unknown
    try {
      answer = await opts.onRequest({ peer: { ...peer, fingerprint }, name: sync![1], body: read.body })
    } catch (e) {
      return sendJson(res, 500, { error: 'failed', message: (e as Error).message }, serverProof)
    }
    sendJson(res, 200, answer ?? null, serverProof)
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, opts.host ?? '0.0.0.0', () => {
      server.off('error', reject)
      const address = server.address()
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}
