import { execFile } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Result } from '../../shared/api/contract'
import { parseTerminalInput, type DeliverPdfResult } from '../../shared/terminal/api'

/**
 * 打印或打开PDF (Electron only): what happens to a PDF the core made once it reaches this PC.
 * No `electron` import here — index.ts injects the dialog, the printer list, the shell and the
 * store, so the whole flow runs under vitest with fakes.
 */

export interface PrinterEntry {
  /** The name the OS prints to. */
  name: string
  isDefault: boolean
  /** What the clerk reads, when the OS has a friendlier name. */
  label?: string
}

export interface DeliveryDeps {
  listPrinters(): Promise<PrinterEntry[]>
  /** A native message box: the index of the button pressed (Esc = the last one, 取消). */
  ask(buttons: string[], message: string): Promise<number>
  printFile(file: string, printer: string): Promise<void>
  /** Opens the file in the PC's PDF viewer; throws when it cannot. */
  openFile(file: string): Promise<void>
  /** Writes the bytes to a temp file and returns its path. */
  writeTemp(fileName: string, bytes: Uint8Array): Promise<string>
  /** The printer remembered per form kind (electron-store `printers.<kind>`). */
  store: { get(kind: string): string | undefined; set(kind: string, printer: string): void }
}

/** How many printers the choice dialog lists (a message box is not a list control). */
export const MAX_PRINTER_BUTTONS = 8

/** The form kind of a PDF: its file name before the first '-' (交接班记录表, 装修许可证, 装修人员出入证 …). */
export function formKind(fileName: string): string {
  const base = fileName.replace(/\.pdf$/i, '')
  const dash = base.indexOf('-')
  return (dash > 0 ? base.slice(0, dash) : base).trim() || 'PDF'
}

/** Printers for the choice dialog: the default first, then by name, at most MAX_PRINTER_BUTTONS. */
export function printerChoices(printers: PrinterEntry[]): PrinterEntry[] {
  return [...printers].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name, 'zh-CN')).slice(0, MAX_PRINTER_BUTTONS)
}

const labelOf = (p: PrinterEntry) => (p.label && p.label !== p.name ? p.label : p.name) + (p.isDefault ? '(默认)' : '')

const failure = (message: string): Result<DeliverPdfResult> => ({ ok: false, error: { code: 'INTERNAL', message } })
const errText = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** One delivery: validate, ask, then print (and remember the printer for the kind) or open. */
export async function deliverPdf(raw: unknown, deps: DeliveryDeps): Promise<Result<DeliverPdfResult>> {
  const input = parseTerminalInput('terminal.deliverPdf', raw)
  if (!input.ok) return input
  const { fileName, pdfBase64 } = input.value
  const kind = formKind(fileName)

  let printers: PrinterEntry[]
  try {
    printers = await deps.listPrinters()
  } catch {
    printers = [] // no print service: the PDF can still be opened
  }
  const rememberedName = deps.store.get(kind)
  const remembered = rememberedName ? printers.find((p) => p.name === rememberedName) : undefined

  type Act = 'remembered' | 'choose' | 'open' | 'cancel'
  const options: { label: string; act: Act }[] = []
  let message = `${fileName}\n打印还是打开?`
  if (remembered) options.push({ label: `打印到 ${remembered.label ?? remembered.name}`, act: 'remembered' }, { label: '选择其他打印机…', act: 'choose' })
  else if (printers.length > 0) options.push({ label: '选择打印机…', act: 'choose' })
  else message = `${fileName}\n本机没有找到打印机,可以打开PDF后再打印。`
  options.push({ label: '打开PDF', act: 'open' }, { label: '取消', act: 'cancel' })
  if (rememberedName && !remembered && printers.length > 0) message += `\n(上次用于「${kind}」的打印机 ${rememberedName} 已不可用,请重新选择)`

  const act = options[await deps.ask(options.map((o) => o.label), message)]?.act ?? 'cancel'
  if (act === 'cancel') return { ok: true, value: { action: 'cancelled' } }

  const bytes = Buffer.from(pdfBase64, 'base64')
  if (act === 'open') {
    let file: string
    try {
      file = await deps.writeTemp(fileName, bytes)
    } catch (e) {
      return failure(`无法保存PDF:${errText(e)}`)
    }
    try {
      await deps.openFile(file)
      return { ok: true, value: { action: 'opened', file } }
    } catch {
      // No PDF viewer (or it refused): the file is on disk, say where.
      return { ok: true, value: { action: 'saved', file } }
    }
  }

  let printer: string
  if (act === 'remembered' && remembered) printer = remembered.name
  else {
    const choices = printerChoices(printers)
    const more = printers.length > choices.length ? `\n(共 ${printers.length} 台,只列出前 ${choices.length} 台)` : ''
    const at = await deps.ask([...choices.map(labelOf), '取消'], `选择用于「${kind}」的打印机,以后同类单据默认使用它${more}`)
    const chosen = choices[at]
    if (!chosen) return { ok: true, value: { action: 'cancelled' } }
    printer = chosen.name
  }

  let file: string
  try {
    file = await deps.writeTemp(fileName, bytes)
  } catch (e) {
    return failure(`无法保存PDF:${errText(e)}`)
  }
  try {
    await deps.printFile(file, printer)
  } catch (e) {
    return failure(`打印到 ${printer} 失败:${errText(e)}`)
  }
  deps.store.set(kind, printer)
  return { ok: true, value: { action: 'printed', printer, file } }
}

/** Deliveries one at a time (two clicks on 打印 give two dialogs in turn, never interleaved). */
export function pdfDeliverer(deps: DeliveryDeps) {
  let last: Promise<unknown> = Promise.resolve()
  return (raw: unknown): Promise<Result<DeliverPdfResult>> => {
    const run = last.then(() => deliverPdf(raw, deps))
    last = run.catch(() => undefined)
    return run.then(undefined, (e: unknown) => failure(`打印或打开PDF失败:${errText(e)}`))
  }
}

/** The terminal's methods, answered by the main process (index.ts routes `terminal.*` here). */
export function terminalCall(name: string, input: unknown, deliver: (raw: unknown) => Promise<Result<DeliverPdfResult>>): Promise<Result<unknown>> {
  if (name === 'terminal.deliverPdf') return deliver(input)
  return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的接口:${name}` } })
}

/** A file name safe on Windows, macOS and Linux: no separators or reserved characters, still .pdf. */
export function safeFileName(fileName: string): string {
  let name = fileName
    // oxlint-disable-next-line no-control-regex -- control characters are not allowed in file names on Windows: they are replaced
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
  if (!/\.pdf$/i.test(name)) name += '.pdf'
  if (name.length > 120) name = name.slice(0, 116) + '.pdf'
  return name
}

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Writes each PDF into its own folder under `root` (a viewer keeping yesterday's copy open cannot
 * block today's), and removes folders older than a day.
 */
export function tempWriter(root: string, now: () => number = Date.now) {
  return async (fileName: string, bytes: Uint8Array): Promise<string> => {
    await fs.promises.mkdir(root, { recursive: true })
    for (const entry of await fs.promises.readdir(root, { withFileTypes: true }).catch(() => [])) {
      if (!entry.isDirectory()) continue
      const dir = path.join(root, entry.name)
      const st = await fs.promises.stat(dir).catch(() => null)
      if (st && now() - st.mtimeMs > DAY_MS) await fs.promises.rm(dir, { recursive: true, force: true }).catch(() => undefined)
    }
    const dir = path.join(root, `${now()}-${crypto.randomBytes(4).toString('hex')}`)
    await fs.promises.mkdir(dir)
    const file = path.join(dir, safeFileName(fileName))
    await fs.promises.writeFile(file, bytes)
    return file
  }
}

const run = promisify(execFile)

type PdfToPrinter = typeof import('pdf-to-printer')
const requireHere = createRequire(import.meta.url)

/**
 * SumatraPDF ships inside pdf-to-printer; in a packaged app it must be run from app.asar.unpacked
 * (pdf-to-printer's own fix needs process.mainModule, which an ES module main does not have).
 */
export function sumatraPath(): string | undefined {
  const dist = path.dirname(requireHere.resolve('pdf-to-printer'))
  const exe = fs.readdirSync(dist).find((f) => /^SumatraPDF.*\.exe$/i.test(f))
  return exe ? asarUnpacked(path.join(dist, exe)) : undefined
}

/** A path inside app.asar, as its unpacked copy (executables cannot run from inside the archive). */
export const asarUnpacked = (p: string) => p.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked')

/** Sends a PDF file to a printer: SumatraPDF (pdf-to-printer) on Windows, CUPS `lp` elsewhere. */
export async function printPdfFile(file: string, printer: string): Promise<void> {
  if (process.platform === 'win32') {
    const ptp = requireHere('pdf-to-printer') as PdfToPrinter
    const exe = safe(sumatraPath)
    await ptp.print(file, { printer, ...(exe ? { sumatraPdfPath: exe } : {}) })
    return
  }
  await run('lp', ['-d', printer, file], { timeout: 60_000 })
}

/** The OS's default printer name, or null (none set, or no print service). */
export async function defaultPrinterName(): Promise<string | null> {
  try {
    if (process.platform === 'win32') {
      const ptp = requireHere('pdf-to-printer') as PdfToPrinter
      return (await ptp.getDefaultPrinter())?.name ?? null
    }
    const { stdout } = await run('lpstat', ['-d'], { timeout: 10_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } })
    const m = /destination:\s*(\S+)/.exec(stdout)
    return m ? m[1] : null
  } catch {
    return null
  }
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn()
  } catch {
    return undefined
  }
}
