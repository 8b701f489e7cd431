import type { z } from 'zod'
import type { Role } from '../roles'

/** Who may call a method: nobody logged in needed, any logged-in staff, or only these roles. */
export type Access = 'public' | 'session' | readonly Role[]

export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I
  access: Access
  /** The largest request body (bytes of JSON) the HTTP door reads for this method; DEFAULT_MAX_BODY when absent. */
  maxBody?: number
  /** Phantom: only carries the result type. */
  output?: O
}

/**
 * Most inputs are a few KB of text; a method that takes files (photos, attachments, an import
 * file, drawn signatures, a month's roster) declares its own `maxBody`, derived from its schema's limits.
 */
export const DEFAULT_MAX_BODY = 256 * 1024

/** Declares one API method. The result type is given as a type argument only. */
export function method<O>() {
  return <I extends z.ZodType>(input: I, access: Access, opts: { maxBody?: number } = {}): MethodDef<I, O> =>
    opts.maxBody ? { input, access, maxBody: opts.maxBody } : { input, access }
}

export type Contract = Record<string, MethodDef>
export type InputOf<M> = M extends MethodDef<infer I, unknown> ? z.input<I> : never
export type ParsedInputOf<M> = M extends MethodDef<infer I, unknown> ? z.output<I> : never
export type OutputOf<M> = M extends MethodDef<z.ZodType, infer O> ? O : never

/** Stable error codes shared by both doors (IPC and HTTP). */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'LOCKED'
  | 'BAD_CREDENTIALS'
  | 'RULE'
  | 'UNKNOWN_METHOD'
  /** The database is held by another program (or the desk is closing): nothing was saved, try again. */
  | 'BUSY'
  | 'INTERNAL'

export interface DeskErrorShape {
  code: ErrorCode
  message: string
  field?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DeskErrorShape }
