import { z } from 'zod'
import type { DeskErrorShape, Result } from '../api/contract'

/**
 * Methods of this terminal, answered by the Electron main process itself (printers, files on this
 * PC), never by the core: they travel through the same `desk.call` door, named `terminal.<verb>`,
 * and come back in the core's result shape. Host mode has none of them (the browser downloads).
 */
export const TERMINAL_PREFIX = 'terminal.'

/** The largest PDF the desk hands to a printer: 40 MB, i.e. this many base64 characters. */
export const MAX_PDF_BYTES = 40 * 1024 * 1024
export const MAX_PDF_BASE64_CHARS = 4 * Math.ceil(MAX_PDF_BYTES / 3)

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
/** base64 of '%PDF-': every PDF starts with it. */
const PDF_MAGIC_BASE64 = 'JVBERi0'

export const deliverPdfInput = z.object(
  {
    fileName: z
      .string({ error: '文件名不能为空' })
      .trim()
      .min(1, { error: '文件名不能为空' })
      .max(200, { error: '文件名不能超过200个字符' })
      // oxlint-disable-next-line no-control-regex -- refusing control characters in a file name is the point
      .refine((v) => !/[\u0000-\u001f]/.test(v), { error: '文件名含有不可见字符' })
      .refine((v) => /\.pdf$/i.test(v), { error: '文件名必须以 .pdf 结尾' }),
    pdfBase64: z
      .string({ error: 'PDF内容不能为空' })
      .min(1, { error: 'PDF内容不能为空' })
      .max(MAX_PDF_BASE64_CHARS, { error: 'PDF内容不能超过40MB' })
      .refine((v) => v.length % 4 === 0 && BASE64.test(v), { error: 'PDF内容不是有效的Base64编码', abort: true })
      .refine((v) => v.startsWith(PDF_MAGIC_BASE64), { error: 'PDF内容不是PDF文件' }),
  },
  { error: '缺少要打印的文件(文件名与PDF内容)' },
)

export type DeliverAction = 'printed' | 'opened' | 'saved' | 'cancelled'
export interface DeliverPdfResult {
  action: DeliverAction
  /** The printer it went to ('printed'). */
  printer?: string
  /** Where the PDF was written on this PC ('opened', 'saved', 'printed'). */
  file?: string
}

interface TerminalMethod<I extends z.ZodType, O> {
  input: I
  /** Phantom: only carries the result type. */
  output?: O
}
const terminalMethod = <O>() => <I extends z.ZodType>(input: I): TerminalMethod<I, O> => ({ input })

export const terminalApi = {
  /** Print a PDF the core made (printer remembered per form kind) or open it in the PDF viewer. */
  'terminal.deliverPdf': terminalMethod<DeliverPdfResult>()(deliverPdfInput),
}
export type TerminalApi = typeof terminalApi
export type TerminalMethodName = keyof TerminalApi
export type TerminalIn<M extends TerminalMethodName> = z.input<TerminalApi[M]['input']>
export type TerminalParsed<M extends TerminalMethodName> = z.output<TerminalApi[M]['input']>
export type TerminalOut<M extends TerminalMethodName> = NonNullable<TerminalApi[M]['output']>

export const isTerminalMethod = (name: string) => name.startsWith(TERMINAL_PREFIX)

/** Validates a terminal call's input like the core's dispatcher does: first issue, Chinese message, field path. */
export function parseTerminalInput<M extends TerminalMethodName>(name: M, raw: unknown): Result<TerminalParsed<M>> {
  const parsed = terminalApi[name].input.safeParse(raw ?? undefined)
  if (parsed.success) return { ok: true, value: parsed.data as TerminalParsed<M> }
  const first = parsed.error.issues[0]
  const field = first.path.map(String).join('.')
  const error: DeskErrorShape = { code: 'INVALID_INPUT', message: first.message }
  if (field) error.field = field
  return { ok: false, error }
}
