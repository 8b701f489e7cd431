import { describe, expect, it } from 'vitest'
import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { renderPdf } from '../../electron/core/print/pdf'
import {
  A4_PORTRAIT,
  A5_PORTRAIT,
  docHeader,
  fieldTable,
  footerWithPageNumbers,
  pageSettings,
  qrBlock,
  reprintMark,
  signatureRow,
} from '../../electron/core/print/layout'
import { pdfPageCount, pdfText } from '../helpers/pdf'

// Characters outside the common subsets (GB2312 / "chinese-simplified" web fonts) that real residents have.
const RARE_NAMES = ['刘龑', '张喆', '王堃', '李昇', '陈翀', '赵赟', '鍪']

function handover(): TDocumentDefinitions {
  return {
    ...pageSettings(A5_PORTRAIT),
    footer: footerWithPageNumbers('2025-01-01 08:30', '阳光花园物业服务中心存档'),
    content: [
      reprintMark(2),
      docHeader({
        siteName: '阳光花园',
        office: '阳光花园物业服务中心',
        title: '交接班记录',
        serial: 'HB-20250101-001',
        subtitle: '早班 08:00-16:00',
      }),
      fieldTable([
        ['交班人', RARE_NAMES[0]],
        ['接班人', RARE_NAMES[1]],
        ['客服主管', RARE_NAMES[2]],
        ['在场人员', RARE_NAMES.slice(3).join('、')],
        ['来访登记', 12],
        ['钥匙借出', null],
        ['备注', '3栋2单元1201 水管维修,已通知业主。', 'full'],
      ]),
      signatureRow(['交班人', '接班人', '主管']),
      qrBlock('HB-20250101-001-7K', '扫码核验'),
    ],
  }
}

describe('printing', () => {
  it('prints a handover record with rare name characters, embedded font, page numbers and QR', async () => {
    const buf = await renderPdf(handover())
    expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(await pdfPageCount(buf)).toBe(1)

    const [page1] = await pdfText(buf)
    for (const name of RARE_NAMES) expect(page1).toContain(name)
    expect(page1).toContain('交接班记录')
    expect(page1).toContain('编号:HB-20250101-001')
    expect(page1).toContain('第 1 页 / 共 1 页')
    expect(page1).toContain('打印时间:2025-01-01 08:30')
    expect(page1).toContain('补打(第2次)')
    expect(page1).toContain('日期:')
    expect(page1).toContain('3栋2单元1201')

    // Embedded TrueType (not a system-font reference the desk PC may not have), named Noto Sans SC.
    const raw = buf.toString('latin1')
    expect(raw).toContain('/FontFile2')
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/)
  })

  it('numbers every page of a long document', async () => {
    const rows = Array.from({ length: 120 }, (_, i): [string, string] => [`第${i + 1}项`, `记录内容 ${i + 1}`])
    const buf = await renderPdf({
      ...pageSettings(A4_PORTRAIT),
      footer: footerWithPageNumbers('2025-01-01 08:30'),
      content: [docHeader({ siteName: '阳光花园', office: '物业服务中心', title: '值班日志' }), fieldTable(rows, 3)],
    })
    const pages = await pdfText(buf)
    expect(pages.length).toBeGreaterThan(1)
    pages.forEach((text, i) => expect(text).toContain(`第 ${i + 1} 页 / 共 ${pages.length} 页`))
    expect(pages[0]).toContain('阳光花园 物业服务中心')
  })

  it('refuses a QR payload that is not printable ASCII', () => {
    expect(() => qrBlock('张喆-1201', '扫码')).toThrow(/ASCII/)
    expect(() => qrBlock('', '扫码')).toThrow(/ASCII/)
    expect(() => qrBlock('A\nB', '扫码')).toThrow(/ASCII/)
    expect(() => qrBlock('P-2025-0001%E5%BC%A0', '扫码')).not.toThrow()
  })

  it('renders documents back to back (fonts registered once) without warnings', async () => {
    const warnings: unknown[] = []
    const warn = console.warn
    console.warn = (...args: unknown[]) => void warnings.push(args)
    try {
      const a = await renderPdf(handover())
      const b = await renderPdf({ content: ['第二份 鍪'] })
      expect((await pdfText(a))[0]).toContain('刘龑')
      expect((await pdfText(b))[0]).toContain('第二份 鍪')
    } finally {
      console.warn = warn
    }
    expect(warnings).toEqual([])
  })

  it('does not read files or URLs other than the fonts', async () => {
    await expect(renderPdf({ content: [{ image: '/etc/hostname' }] })).rejects.toThrow(/Access to local file denied/)
    await expect(
      renderPdf({ images: { logo: 'https://example.com/a.png' }, content: [{ image: 'logo' }] }),
    ).rejects.toThrow(/Access to URL denied/)
  })
})
