import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { renderPdf } from '../../electron/core/print/pdf'
import { A5_PORTRAIT, docHeader, fieldTable, footerWithPageNumbers, pageSettings, qrBlock, signatureRow } from '../../electron/core/print/layout'

/** An A5 decoration permit as the desk prints it: header, field table, signatures, QR, footer. */
function permit(n: number): TDocumentDefinitions {
  const serial = `ZX-20250101-${String(n).padStart(4, '0')}`
  return {
    ...pageSettings(A5_PORTRAIT),
    footer: footerWithPageNumbers('2025-01-01 09:15'),
    content: [
      docHeader({ siteName: '阳光花园', office: '阳光花园物业服务中心', title: '装修施工许可证', serial }),
      fieldTable([
        ['房号', '3栋2单元1201'],
        ['业主', '王堃'],
        ['施工单位', '深圳市鹏程装饰工程有限公司'],
        ['负责人', '李昇'],
        ['联系电话', '138****5678'],
        ['施工人数', 4],
        ['有效期', '2025-01-01 至 2025-03-31'],
        ['施工时间', '08:00-12:00 14:00-18:00'],
        ['施工内容', '厨卫改造、墙面翻新,不涉及承重结构与外立面。', 'full'],
      ]),
      signatureRow(['业主', '经办人']),
      qrBlock(`${serial}-K7`, '扫码核验'),
    ],
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/** renderPdf of an A5 permit: 3 warm-ups (font registration, JIT), then 30 timed runs. */
export async function benchPrint(): Promise<Record<string, number>> {
  for (let i = 0; i < 3; i++) await renderPdf(permit(i))
  const times: number[] = []
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now()
    await renderPdf(permit(100 + i))
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms * 10) / 10
  return { p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)) }
}
