import type { z } from 'zod'
import type { Role } from '../roles'

/** Who may call a method: nobody logged in needed, any logged-in staff, or only these roles. */
export type Access = 'public' | 'session' | readonly Role[]

export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I
  access: Access
  /** Phantom: only carries the result type. */
  output?: O
}

/** Declares one API method. The result type is given as a type argument only. */
export function method<O>() {
  return <I extends z.ZodType>(input: I, access: Access): MethodDef<I, O> => ({ input, access })
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
  | 'INTERNAL'

export interface DeskErrorShape {
  code: ErrorCode
  message: string
  field?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DeskErrorShape }
