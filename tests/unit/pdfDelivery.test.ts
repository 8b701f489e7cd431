import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { api } from '../../shared/api'
import { MAX_PDF_BASE64_CHARS, terminalApi } from '../../shared/terminal/api'
import {
  defaultPrinterName,
  deliverPdf,
  formKind,
  asarUnpacked,
  pdfDeliverer,
  printerChoices,
  printPdfFile,
  safeFileName,
  sumatraPath,
  tempWriter,
  terminalCall,
  type DeliveryDeps,
  type PrinterEntry,
} from '../../electron/main/pdfDelivery'

// A tiny but real PDF header: what the core's pdfmake output starts with.
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').toString('base64')
const HANDOVER = '交接班记录表-2026-05-01-早班.pdf'
const ROSTER = '排班表-2026-06.pdf'

/** Fakes for everything Electron would do; `answers` are the buttons pressed, in order, by label. */
function fakes(opts: { printers?: PrinterEntry[]; answers?: string[]; remembered?: Record<string, string>; printFails?: boolean; openFails?: boolean }) {
  const asked: { buttons: string[]; message: string }[] = []
  const printed: { file: string; printer: string }[] = []
  const opened: string[] = []
  const written: { fileName: string; bytes: Uint8Array }[] = []
  const saved = new Map(Object.entries(opts.remembered ?? {}))
  const answers = [...(opts.answers ?? [])]
  const deps: DeliveryDeps = {
    listPrinters: async () => opts.printers ?? [],
    ask: async (buttons, message) => {
      asked.push({ buttons, message })
      const want = answers.shift()
      if (want === undefined) throw new Error(`unexpected dialog: ${message} [${buttons.join(', ')}]`)
      const i = buttons.indexOf(want)
      if (i < 0) throw new Error(`no button "${want}" in [${buttons.join(', ')}]`)
      return i
    },
    printFile: async (file, printer) => {
      if (opts.printFails) throw new Error('打印机脱机')
      printed.push({ file, printer })
    },
    openFile: async (file) => {
      if (opts.openFails) throw new Error('No application is associated with the specified file')
      opened.push(file)
    },
    writeTemp: async (fileName, bytes) => {
      written.push({ fileName, bytes })
      return `/tmp/wuye-desk/x/${fileName}`
    },
    store: { get: (kind) => saved.get(kind), set: (kind, printer) => void saved.set(kind, printer) },
  }
  return { deps, asked, printed, opened, written, saved }
}

const OFFICE: PrinterEntry[] = [
  { name: 'HP_LaserJet_M1136', label: 'HP LaserJet M1136', isDefault: false },
  { name: 'Canon_LBP2900', isDefault: true },
  { name: 'Zebra_Card', isDefault: false },
]

describe('form kind and file names', () => {
  it('the kind is the file name before the first "-", for every PDF the core makes', () => {
    expect(formKind(HANDOVER)).toBe('交接班记录表')
    expect(formKind('值班记录表-2026-05-01.pdf')).toBe('值班记录表')
    expect(formKind(ROSTER)).toBe('排班表')
    expect(formKind('装修许可证-ZX-2026-0001-补打2.pdf')).toBe('装修许可证')
    expect(formKind('装修人员出入证-CR-2026-0003等8张.pdf')).toBe('装修人员出入证')
    expect(formKind('使用楼梯/电梯审批单-DT-2026-0001.pdf')).toBe('使用楼梯/电梯审批单')
    expect(formKind('无横线.pdf')).toBe('无横线')
  })
  it('temp file names cannot leave their folder and stay .pdf', () => {
    expect(safeFileName('使用楼梯/电梯审批单-DT-2026-0001.pdf')).toBe('使用楼梯_电梯审批单-DT-2026-0001.pdf')
    expect(safeFileName('../../etc/passwd.pdf')).not.toContain('/')
    expect(safeFileName('..\\..\\x:y.pdf')).toBe('_.._x_y.pdf')
  })
})

describe('terminal.deliverPdf', () => {
  it('prints to the printer remembered for the kind, asking once', async () => {
    const f = fakes({ printers: OFFICE, remembered: { 交接班记录表: 'HP_LaserJet_M1136' }, answers: ['打印到 HP LaserJet M1136'] })
    const r = await deliverPdf({ fileName: HANDOVER, pdfBase64: PDF }, f.deps)
    expect(r).toEqual({ ok: true, value: { action: 'printed', printer: 'HP_LaserJet_M1136', file: `/tmp/wuye-desk/x/${HANDOVER}` } })
    expect(f.asked).toHaveLength(1)
    expect(f.asked[0].buttons).toEqual(['打印到 HP LaserJet M1136', '选择其他打印机…', '打开PDF', '取消'])
    expect(f.printed).toEqual([{ file: `/tmp/wuye-desk/x/${HANDOVER}`, printer: 'HP_LaserJet_M1136' }])
    // The bytes written are the PDF's, decoded.
    expect(Buffer.from(f.written[0].bytes).toString('latin1').startsWith('%PDF-1.7')).toBe(true)
  })

  it('a remembered printer that has vanished falls back to choosing, and the new choice is remembered', async () => {
    const f = fakes({ printers: OFFICE, remembered: { 交接班记录表: 'Old_Printer' }, answers: ['选择打印机…', 'Zebra_Card'] })
    const r = await deliverPdf({ fileName: HANDOVER, pdfBase64: PDF }, f.deps)
    expect(f.asked[0].buttons).toEqual(['选择打印机…', '打开PDF', '取消'])
    expect(f.asked[0].message).toContain('Old_Printer')
    expect(r.ok && r.value).toMatchObject({ action: 'printed', printer: 'Zebra_Card' })
    expect(f.saved.get('交接班记录表')).toBe('Zebra_Card')
  })

  it('the choice lists the default printer first and at most 8 printers, then 取消', async () => {
    const many: PrinterEntry[] = Array.from({ length: 11 }, (_, i) => ({ name: `P${String(i).padStart(2, '0')}`, isDefault: i === 7 }))
    expect(printerChoices(many).map((p) => p.name)).toEqual(['P07', 'P00', 'P01', 'P02', 'P03', 'P04', 'P05', 'P06'])
    const f = fakes({ printers: OFFICE, answers: ['选择打印机…', 'Canon_LBP2900(默认)'] })
    await deliverPdf({ fileName: ROSTER, pdfBase64: PDF }, f.deps)
    expect(f.asked[1].buttons).toEqual(['Canon_LBP2900(默认)', 'HP LaserJet M1136', 'Zebra_Card', '取消'])
    expect(f.printed[0].printer).toBe('Canon_LBP2900')
  })

  it('choosing remembers the printer for that kind only, not across kinds', async () => {
    const f = fakes({ printers: OFFICE, answers: ['选择打印机…', 'Zebra_Card', '选择打印机…', 'HP LaserJet M1136'] })
    await deliverPdf({ fileName: '装修人员出入证-CR-2026-0001等8张.pdf', pdfBase64: PDF }, f.deps)
    expect(f.saved.get('装修人员出入证')).toBe('Zebra_Card')
    expect(f.saved.get('装修许可证')).toBeUndefined()
    // Another kind is not offered the pass printer …
    await deliverPdf({ fileName: '装修许可证-ZX-2026-0001.pdf', pdfBase64: PDF }, f.deps)
    expect(f.asked[2].buttons[0]).toBe('选择打印机…')
    expect(f.saved.get('装修许可证')).toBe('HP_LaserJet_M1136')
    expect(f.saved.get('装修人员出入证')).toBe('Zebra_Card')
    // … while the same kind is, next time.
    const g = fakes({ printers: OFFICE, remembered: Object.fromEntries(f.saved), answers: ['打印到 Zebra_Card'] })
    const r = await deliverPdf({ fileName: '装修人员出入证-CR-2026-0009.pdf', pdfBase64: PDF }, g.deps)
    expect(r.ok && r.value.printer).toBe('Zebra_Card')
  })

  it('选择其他打印机 replaces the remembered printer for the kind', async () => {
    const f = fakes({ printers: OFFICE, remembered: { 排班表: 'Canon_LBP2900' }, answers: ['选择其他打印机…', 'Zebra_Card'] })
    await deliverPdf({ fileName: ROSTER, pdfBase64: PDF }, f.deps)
    expect(f.printed[0].printer).toBe('Zebra_Card')
    expect(f.saved.get('排班表')).toBe('Zebra_Card')
  })

  it('opens the PDF without printing or remembering anything', async () => {
    const f = fakes({ printers: OFFICE, answers: ['打开PDF'] })
    const r = await deliverPdf({ fileName: HANDOVER, pdfBase64: PDF }, f.deps)
    expect(r).toEqual({ ok: true, value: { action: 'opened', file: `/tmp/wuye-desk/x/${HANDOVER}` } })
    expect(f.opened).toEqual([`/tmp/wuye-desk/x/${HANDOVER}`])
    expect(f.printed).toEqual([])
    expect(f.saved.size).toBe(0)
  })

  it('when no viewer opens it, says where the PDF was saved', async () => {
    const f = fakes({ printers: OFFICE, answers: ['打开PDF'], openFails: true })
    const r = await deliverPdf({ fileName: HANDOVER, pdfBase64: PDF }, f.deps)
    expect(r).toEqual({ ok: true, value: { action: 'saved', file: `/tmp/wuye-desk/x/${HANDOVER}` } })
  })

  it('cancel (first or second dialog) writes, prints and remembers nothing', async () => {
    const f = fakes({ printers: OFFICE, remembered: { 交接班记录表: 'Canon_LBP2900' }, answers: ['取消'] })
    expect(await deliverPdf({ fileName: HANDOVER, pdfBase64: PDF }, f.deps)).toEqual({ ok: true, value: { action: 'cancelled' } })
    const g = fakes({ printers: OFFICE, answers: ['选择打印机…', '取消'] })
    expect(await deliverPdf({ fileName: HANDOVER, pdfBase64: PDF }, g.deps)).toEqual({ ok: true, value: { action: 'cancelled' } })
    for (const x of [f, g]) {
      expect(x.written).toEqual([])
      expect(x.printed).toEqual([])
      expect(x.opened).toEqual([])
    }
    expect(f.asked).toHaveLength(1)
    expect(g.asked).toHaveLength(2)
    expect(f.saved.get('交接班记录表')).toBe('Canon_LBP2900')
    expect(g.saved.size).toBe(0)
  })

  it('with no printer on the PC, offers only 打开PDF and 取消', async () => {
    const f = fakes({ printers: [], answers: ['打开PDF'] })
    const r = await deliverPdf({ fileName: HANDOVER, pdfBase64: PDF }, f.deps)
    expect(f.asked[0].buttons).toEqual(['打开PDF', '取消'])
    expect(r.ok && r.value.action).toBe('opened')
  })

  it('a failed print is an error in Chinese naming the printer, and the printer is not remembered', async () => {
    const f = fakes({ printers: OFFICE, answers: ['选择打印机…', 'Zebra_Card'], printFails: true })
    const r = await deliverPdf({ fileName: HANDOVER, pdfBase64: PDF }, f.deps)
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: '打印到 Zebra_Card 失败:打印机脱机' } })
    expect(f.saved.size).toBe(0)
  })

  it('refuses invalid input with a Chinese message naming the field, before asking anything', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ pdfBase64: PDF }, 'fileName', /文件名不能为空/],
      [{ fileName: '   ', pdfBase64: PDF }, 'fileName', /文件名不能为空/],
      [{ fileName: '交接班记录表.docx', pdfBase64: PDF }, 'fileName', /文件名.*\.pdf/],
      [{ fileName: HANDOVER }, 'pdfBase64', /PDF内容不能为空/],
      [{ fileName: HANDOVER, pdfBase64: 'not base64!' }, 'pdfBase64', /PDF内容.*Base64/],
      [{ fileName: HANDOVER, pdfBase64: Buffer.from('<html>').toString('base64') }, 'pdfBase64', /PDF内容不是PDF文件/],
      [{ fileName: HANDOVER, pdfBase64: 'JVBERi0' + 'A'.repeat(MAX_PDF_BASE64_CHARS) }, 'pdfBase64', /PDF内容不能超过40MB/],
    ]
    for (const [input, field, message] of cases) {
      const f = fakes({ printers: OFFICE, answers: ['打开PDF'] })
      const r = await deliverPdf(input, f.deps)
      expect(r.ok, JSON.stringify(input).slice(0, 80)).toBe(false)
      if (r.ok) continue
      expect(r.error.code).toBe('INVALID_INPUT')
      expect(r.error.field).toBe(field)
      expect(r.error.message).toMatch(message)
      expect(f.asked).toEqual([])
    }
    const r = await deliverPdf(undefined, fakes({}).deps)
    expect(r.ok ? null : r.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/文件名/) })
  })

  it('exactly 40 MB is accepted', async () => {
    const pdf = Buffer.alloc(40 * 1024 * 1024, 0x20)
    pdf.write('%PDF-1.7\n')
    const f = fakes({ printers: OFFICE, answers: ['取消'] })
    expect(await deliverPdf({ fileName: HANDOVER, pdfBase64: pdf.toString('base64') }, f.deps)).toEqual({ ok: true, value: { action: 'cancelled' } })
  })
})

describe('the terminal door', () => {
  it('routes terminal.deliverPdf and refuses other terminal.* names', async () => {
    const f = fakes({ printers: OFFICE, answers: ['取消'] })
    const deliver = pdfDeliverer(f.deps)
    expect(await terminalCall('terminal.deliverPdf', { fileName: HANDOVER, pdfBase64: PDF }, deliver)).toEqual({ ok: true, value: { action: 'cancelled' } })
    expect(await terminalCall('terminal.formatDisk', {}, deliver)).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: '未知的接口:terminal.formatDisk' } })
  })
  it('no core method is named terminal.* (they would never reach the core), and every terminal method is', () => {
    expect(Object.keys(api).filter((n) => n.startsWith('terminal.'))).toEqual([])
    expect(Object.keys(terminalApi).every((n) => n.startsWith('terminal.'))).toBe(true)
  })
  it('deliveries run one at a time: the second dialog opens after the first delivery ends', async () => {
    const f = fakes({ printers: OFFICE, answers: ['选择打印机…', 'Zebra_Card', '打印到 Zebra_Card'] })
    const deliver = pdfDeliverer(f.deps)
    const [a, b] = await Promise.all([deliver({ fileName: ROSTER, pdfBase64: PDF }), deliver({ fileName: ROSTER, pdfBase64: PDF })])
    expect(a.ok && a.value.printer).toBe('Zebra_Card')
    expect(b.ok && b.value.printer).toBe('Zebra_Card') // the second saw what the first remembered
  })
})

describe('temp files', () => {
  const roots: string[] = []
  afterEach(() => {
    for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true })
  })
  it('writes each PDF in its own folder under the root and prunes folders older than a day', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-desk-test-'))
    roots.push(root)
    const old = path.join(root, 'old')
    fs.mkdirSync(old)
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000)
    fs.utimesSync(old, twoDaysAgo, twoDaysAgo)
    const write = tempWriter(root)
    const a = await write('使用楼梯/电梯审批单-DT-2026-0001.pdf', Buffer.from('%PDF-1.7'))
    const b = await write('使用楼梯/电梯审批单-DT-2026-0001.pdf', Buffer.from('%PDF-1.7 again'))
    expect(a).not.toBe(b)
    for (const f of [a, b]) {
      expect(path.dirname(path.dirname(f))).toBe(root)
      expect(path.basename(f)).toBe('使用楼梯_电梯审批单-DT-2026-0001.pdf')
    }
    expect(fs.readFileSync(b, 'utf8')).toBe('%PDF-1.7 again')
    expect(fs.existsSync(old)).toBe(false)
  })
})

// Outside Windows the PDF goes to CUPS: `lp -d <printer> <file>` (no shell), the default from `lpstat -d`.
describe.skipIf(process.platform === 'win32')('CUPS commands (fake lp / lpstat on PATH)', () => {
  const saved = process.env.PATH
  let dir = ''
  afterEach(() => {
    process.env.PATH = saved
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
    dir = ''
  })
  function fakeBin(name: string, script: string) {
    dir ||= fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-desk-bin-'))
    fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 })
    process.env.PATH = `${dir}${path.delimiter}${saved}`
  }
  it('prints with lp -d <printer> <file>, printer names with spaces and $ passed as one argument', async () => {
    fakeBin('lp', 'for a in "$@"; do printf "%s\\n" "$a"; done > "$(dirname "$0")/args"')
    await printPdfFile('/tmp/a b/交接班记录表.pdf', 'HP $(rm) Printer')
    expect(fs.readFileSync(path.join(dir, 'args'), 'utf8').split('\n').slice(0, 3)).toEqual(['-d', 'HP $(rm) Printer', '/tmp/a b/交接班记录表.pdf'])
  })
  it('a failing lp rejects (so nothing is remembered)', async () => {
    fakeBin('lp', 'echo "lp: The printer or class does not exist." >&2; exit 1')
    await expect(printPdfFile('/tmp/x.pdf', 'Gone')).rejects.toThrow()
  })
  it('reads the default printer from lpstat -d, or null', async () => {
    fakeBin('lpstat', 'echo "system default destination: Canon_LBP2900"')
    expect(await defaultPrinterName()).toBe('Canon_LBP2900')
    fakeBin('lpstat', 'echo "no system default destination"')
    expect(await defaultPrinterName()).toBeNull()
  })
})

describe('Windows printing (pdf-to-printer)', () => {
  it('finds the SumatraPDF that ships inside pdf-to-printer, run from app.asar.unpacked when packaged', () => {
    const exe = sumatraPath()
    expect(exe && fs.existsSync(exe)).toBe(true)
    expect(path.basename(exe!)).toMatch(/^SumatraPDF.*\.exe$/)
    expect(asarUnpacked('C:\\物业前台\\resources\\app.asar\\node_modules\\pdf-to-printer\\dist\\SumatraPDF.exe')).toBe(
      'C:\\物业前台\\resources\\app.asar.unpacked\\node_modules\\pdf-to-printer\\dist\\SumatraPDF.exe',
    )
    expect(asarUnpacked('/opt/wuye/resources/app.asar/node_modules/x.exe')).toBe('/opt/wuye/resources/app.asar.unpacked/node_modules/x.exe')
    expect(asarUnpacked('/home/me/app.asar.unpacked/x.exe')).toBe('/home/me/app.asar.unpacked/x.exe')
  })
})
