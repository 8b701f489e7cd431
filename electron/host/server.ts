import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { api } from '../../shared/api'
import { DEFAULT_MAX_BODY, type DeskErrorShape, type MethodDef } from '../../shared/api/contract'
import type { Core } from '../core/app'
import { declaredTooLarge, decodePath, fileInside, hostAllowed, mimeOf, originAllowed, SECURITY_HEADERS, sizeText } from './door'

const STATUS: Record<string, number> = {
  INVALID_INPUT: 400,
  RULE: 422,
  UNAUTHENTICATED: 401,
  BAD_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  CONFLICT: 409,
  LOCKED: 423,
  BUSY: 503,
  INTERNAL: 500,
}

export interface HostServerOptions {
  /**
   * Host names besides the loopback ones this desk answers to (with its own port): the LAN names
   * the sync issue will add. Anything else in the Host header is refused (DNS rebinding).
   */
  allowedHosts?: readonly string[]
}

export interface HostServer extends http.Server {
  /**
   * A normal stop: no new connections, API calls already running finish (at most `waitMs`), the
   * rest is refused with 503 — so the core can be closed with nothing left using its database.
   */
  stop(waitMs?: number): Promise<void>
}

class TooLarge extends Error {}

/** Reads the body, refusing (without buffering further) once it passes `limit` bytes. */
function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.pause()
        reject(new TooLarge())
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: http.ServerResponse, status: number, body: unknown, close = false) {
  if (res.headersSent) return void res.destroy()
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    // Refused before its body was read: do not read (or keep) the rest of it for a next request.
    ...(close ? { connection: 'close' } : {}),
  })
  res.end(text)
}

const refuse = (res: http.ServerResponse, status: number, code: DeskErrorShape['code'], message: string, close = true) =>
  send(res, status, { ok: false, error: { code, message } }, close)

function methodDef(name: string): MethodDef | undefined {
  return Object.hasOwn(api, name) ? (api as Record<string, MethodDef>)[name] : undefined
}

/**
 * Host mode's door: the same contract as IPC, as POST /api/<method> with the JSON input as body
 * and the session in x-desk-token. Serves the built renderer for everything else.
 * Order of checks, cheapest first, so that nothing is read for a request that will be refused:
 * Host → method/content type → Origin → method name → session → size → body → dispatch.
 */
export function createHostServer(core: Core, staticDir: string, opts: HostServerOptions = {}): HostServer {
  const root = path.resolve(staticDir)
  const allowed = opts.allowedHosts ?? []
  let running = 0
  let stopping = false
  let idle: (() => void) | null = null

  async function callApi(req: http.IncomingMessage, res: http.ServerResponse, rawName: string, port: number) {
    // Only JSON POSTs: a page from elsewhere cannot send these without a CORS preflight we never answer.
    if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/json')) {
      return refuse(res, 405, 'INVALID_INPUT', '只接受 JSON POST 请求')
    }
    if (!originAllowed(req.headers.origin, port, allowed)) {
      return refuse(res, 403, 'FORBIDDEN', `拒绝来自其他网页的请求(来源 ${String(req.headers.origin).slice(0, 80)})`)
    }
    const name = decodePath(rawName)
    if (name === null) return refuse(res, 400, 'INVALID_INPUT', '请求地址含有无效的编码')
    const def = methodDef(name)
    if (!def) return refuse(res, 404, 'UNKNOWN_METHOD', `未知的接口:${name.slice(0, 80)}`)
    if (stopping) return refuse(res, 503, 'BUSY', '前台程序正在关闭,请稍后重新打开')
    const token = (req.headers['x-desk-token'] as string | undefined) ?? null
    if (def.access !== 'public') {
      // The session is checked before the body is read: no one reads megabytes for a stranger.
      const me = token ? await core.call('auth.me', undefined, token) : null
      if (!me?.ok) return refuse(res, 401, 'UNAUTHENTICATED', '未登录或登录已过期,请重新登录')
    }
    const limit = def.maxBody ?? DEFAULT_MAX_BODY
    const tooLarge = () => refuse(res, 413, 'INVALID_INPUT', `请求内容过大:此操作最多接受 ${sizeText(limit)}`)
    if (declaredTooLarge(req.headers['content-length'], limit)) return tooLarge()
    let input: unknown
    try {
      const body = await readBody(req, limit)
      input = body ? JSON.parse(body) : undefined
    } catch (e) {
      if (e instanceof TooLarge) return tooLarge()
      return refuse(res, 400, 'INVALID_INPUT', '请求内容不是有效的 JSON', false)
    }
    const result = await core.call(name, input, token)
    send(res, result.ok ? 200 : (STATUS[result.error.code] ?? 400), result)
  }

  async function file(req: http.IncomingMessage, res: http.ServerResponse, rawPath: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'INVALID_INPUT', '只接受 GET 请求')
    const decoded = decodePath(rawPath)
    if (decoded === null) return refuse(res, 400, 'INVALID_INPUT', '请求地址含有无效的编码')
    let file = fileInside(root, decoded)
    if (!file) return refuse(res, 403, 'FORBIDDEN', '拒绝访问界面文件夹以外的文件')
    const st = await fs.promises.stat(file).catch(() => null)
    // Anything not a file is a screen of the single-page app.
    if (!st?.isFile()) file = path.join(root, 'index.html')
    if (!fs.existsSync(file)) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      return res.end('界面尚未构建:请先运行 npm run build')
    }
    const ext = path.extname(file)
    res.writeHead(200, {
      'content-type': mimeOf(file),
      'cache-control': ext === '.html' ? 'no-cache' : 'max-age=31536000, immutable',
    })
    if (req.method === 'HEAD') return res.end()
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res)
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v)
    const port = req.socket.localPort ?? 0
    if (!hostAllowed(req.headers.host, port, allowed)) {
      return refuse(res, 403, 'FORBIDDEN', `拒绝:请求的主机名 ${String(req.headers.host).slice(0, 80)} 不是本机前台的地址`)
    }
    // Only the path is used; the query string is ignored. No URL parsing that can throw on odd input.
    const rawPath = (req.url ?? '/').split('?')[0]
    if (!rawPath.startsWith('/')) return refuse(res, 400, 'INVALID_INPUT', '请求地址无效')
    if (rawPath.startsWith('/api/')) {
      running++
      try {
        await callApi(req, res, rawPath.slice('/api/'.length), port)
      } finally {
        if (--running === 0) idle?.()
      }
      return
    }
    return file(req, res, rawPath)
  }

  const server = http.createServer((req, res) => {
    // One request may fail; the door stays open for the next.
    handle(req, res).catch((e: unknown) => {
      console.error('[desk] 请求处理失败', e)
      refuse(res, 500, 'INTERNAL', '内部错误:请求未能处理')
    })
  }) as HostServer

  server.stop = async (waitMs = 10_000) => {
    stopping = true
    server.close()
    server.closeIdleConnections()
    if (running > 0) {
      await new Promise<void>((resolve) => {
        idle = resolve
        setTimeout(resolve, waitMs).unref()
      })
    }
    server.closeAllConnections()
  }
  return server
}
