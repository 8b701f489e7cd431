import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { Core } from '../core/app'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
}
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
  INTERNAL: 500,
}
const MAX_BODY = 48 * 1024 * 1024

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Error('too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

/**
 * Host mode's door: the same contract as IPC, as POST /api/<method> with the JSON input as body
 * and the session in x-desk-token. Serves the built renderer for everything else.
 */
export function createHostServer(core: Core, staticDir: string): http.Server {
  const root = path.resolve(staticDir)
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://host')
    if (url.pathname.startsWith('/api/')) {
      // Only JSON POSTs: a page from elsewhere cannot send these without a CORS preflight we never answer.
      if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/json')) {
        return send(res, 405, { ok: false, error: { code: 'INVALID_INPUT', message: '只接受 JSON POST 请求' } })
      }
      let input: unknown
      try {
        const body = await readBody(req)
        input = body ? JSON.parse(body) : undefined
      } catch {
        return send(res, 400, { ok: false, error: { code: 'INVALID_INPUT', message: '请求内容不是有效的 JSON 或过大' } })
      }
      const name = decodeURIComponent(url.pathname.slice('/api/'.length))
      const token = (req.headers['x-desk-token'] as string | undefined) ?? null
      const result = await core.call(name, input, token)
      return send(res, result.ok ? 200 : (STATUS[result.error.code] ?? 400), result)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false })
    let file = path.resolve(root, '.' + decodeURIComponent(url.pathname))
    if (!file.startsWith(root)) return send(res, 403, { ok: false })
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html')
    if (!fs.existsSync(file)) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      return res.end('界面尚未构建:请先运行 npm run build')
    }
    const ext = path.extname(file)
    res.writeHead(200, {
      'content-type': MIME[ext] ?? 'application/octet-stream',
      'cache-control': ext === '.html' ? 'no-cache' : 'max-age=31536000, immutable',
    })
    if (req.method === 'HEAD') return res.end()
    fs.createReadStream(file).pipe(res)
  })
}
