import type { DeskErrorShape, ErrorCode } from '../../shared/api/contract'

/** An expected refusal: reaches the clerk as {code, message (zh-CN), field?}. */
export class DeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'DeskError'
  }

  toShape(): DeskErrorShape {
    return this.field ? { code: this.code, message: this.message, field: this.field } : { code: this.code, message: this.message }
  }
}

export const notFound = (what: string) => new DeskError('NOT_FOUND', `${what}不存在或已删除`)
export const conflict = (message: string, field?: string) => new DeskError('CONFLICT', message, field)
export const rule = (message: string, field?: string) => new DeskError('RULE', message, field)

/** Refuses to start on a database it must not touch; the message says what happened. */
export class DbStartError extends Error {
  constructor(
    readonly kind: 'EMPTY_FILE' | 'NOT_SQLITE' | 'FOREIGN' | 'CORRUPT' | 'NEWER_VERSION' | 'MIGRATION_FAILED' | 'RESTORE_FAILED',
    message: string,
  ) {
    super(message)
    this.name = 'DbStartError'
  }
}
