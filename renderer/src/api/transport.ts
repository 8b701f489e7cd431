import type { DeskErrorShape, Result } from '../../../shared/api/contract'
import type { In, MethodName, Out } from '../../../shared/api'
import type { TerminalIn, TerminalMethodName, TerminalOut } from '../../../shared/terminal/api'

declare global {
  interface Window {
    /** Present in Electron (preload): the IPC door. Absent in host mode: HTTP. */
    desk?: { call(method: string, input: unknown, token: string | null): Promise<Result<unknown>> }
  }
}

export class DeskCallError extends Error implements DeskErrorShape {
  code: DeskErrorShape['code']
  field?: string
  constructor(e: DeskErrorShape) {
    super(e.message)
    this.code = e.code
    this.field = e.field
  }
}

const TOKEN_KEY = 'desk.token'
let token: string | null = sessionStorage.getItem(TOKEN_KEY)
let onSignedOut: () => void = () => undefined

export const session = {
  get: () => token,
  set(t: string | null) {
    token = t
    if (t) sessionStorage.setItem(TOKEN_KEY, t)
    else sessionStorage.removeItem(TOKEN_KEY)
  },
  onSignedOut(fn: () => void) {
    onSignedOut = fn
  },
}

async function httpCall(method: string, input: unknown): Promise<Result<unknown>> {
  const res = await fetch(`/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-desk-token': token } : {}) },
    body: JSON.stringify(input ?? {}),
  })
  return (await res.json()) as Result<unknown>
}

/** One transport, chosen once: IPC inside Electron, HTTP in host mode. */
const transport = window.desk ? (m: string, i: unknown) => window.desk!.call(m, i, token) : httpCall

export async function call<M extends MethodName>(method: M, input: In<M>): Promise<Out<M>> {
  const r = await transport(method, input)
  if (!r.ok) {
    if (r.error.code === 'UNAUTHENTICATED' && token) {
      session.set(null)
      onSignedOut()
    }
    throw new DeskCallError(r.error)
  }
  return r.value as Out<M>
}

/** True inside Electron, where this PC's own methods (`terminal.*`: printers, files) exist. */
export const hasTerminal = () => Boolean(window.desk)

/** A method answered by Electron's main process, not the core (shared/terminal/api). Only inside Electron. */
export async function callTerminal<M extends TerminalMethodName>(method: M, input: TerminalIn<M>): Promise<TerminalOut<M>> {
  if (!window.desk) throw new DeskCallError({ code: 'UNKNOWN_METHOD', message: '此功能只在桌面版中可用' })
  const r = await window.desk.call(method, input, token)
  if (!r.ok) throw new DeskCallError(r.error)
  return r.value as TerminalOut<M>
}
