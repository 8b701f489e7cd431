import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface HostProcess {
  child: ChildProcess
  /** Set once it listens. */
  port: number
  base: string
  out: () => string
  err: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/**
 * Host mode as a real process (electron/host/main.ts through tsx) on its own port; resolves once it
 * listens, or when it exits first (a refused start) with port 0.
 */
export function startHost(dataDir: string, opts: { uid?: number; gid?: number; extraArgs?: string[]; timeoutMs?: number } = {}): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/host/main.ts'), '--port', '0', '--data-dir', dataDir, ...(opts.extraArgs ?? [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOME: dataDir },
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid ?? opts.uid } : {}),
  })
  let out = ''
  let err = ''
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c))
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })))
  const h: HostProcess = { child, port: 0, base: '', out: () => out, err: () => err, exited }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host mode did not start; out: ${out} err: ${err}`)), opts.timeoutMs ?? 60_000)
    const onData = () => {
      const m = /主机模式已启动:http:\/\/[^:]+:(\d+)\//.exec(out)
      if (m) {
        clearTimeout(timer)
        h.port = Number(m[1])
        h.base = `http://127.0.0.1:${h.port}`
        resolve(h)
      }
    }
    child.stdout!.on('data', onData)
    void exited.then(() => {
      clearTimeout(timer)
      resolve(h)
    })
  })
}

/** POST /api/<method> on a running host. */
export async function hostCall(base: string, method: string, input: unknown, token?: string): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  const res = await fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-desk-token': token } : {}) },
    body: JSON.stringify(input ?? {}),
  })
  return { status: res.status, body: (await res.json()) as never }
}
