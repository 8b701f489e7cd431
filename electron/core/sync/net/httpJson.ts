import type { IncomingMessage, ServerResponse } from 'node:http'

// Reading and answering JSON on the server, with a hard size limit: a peer (or anyone on the LAN
// for the pairing routes) must not be able to make us buffer without end.

export type BodyResult = { ok: true; body: unknown } | { ok: false; status: 400 | 413 }

export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ ok: false, status: 413 })
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    const finish = (r: BodyResult) => {
      if (done) return
      done = true
      resolve(r)
    }
    req.on('data', (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > maxBytes) {
        chunks.length = 0
        finish({ ok: false, status: 413 })
      } else chunks.push(chunk)
    })
    req.on('end', () => {
      if (done) return
      try {
        finish({ ok: true, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) })
      } catch {
        finish({ ok: false, status: 400 })
      }
    })
    req.on('error', () => finish({ ok: false, status: 400 }))
    req.on('aborted', () => finish({ ok: false, status: 400 }))
  })
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, close = false): void {
  if (res.headersSent || res.destroyed) return
  const data = Buffer.from(JSON.stringify(body ?? null), 'utf8')
  // A refused caller gets no kept-alive connection to try again on.
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(data.length), ...(close ? { connection: 'close' } : {}), ...headers })
  res.end(data)
}
