import { call } from '../api/transport'
import { downloadPdf } from '../print/download'

/** 打印排班表: the core renders the published month and the PDF is downloaded. */
export async function printRoster(month: string) {
  const r = await call('print.roster', { month })
  downloadPdf(r.fileName, r.pdfBase64)
  return r
}
