import { App } from 'antd'
import type { In, MethodName } from '../../../shared/api'
import { call } from '../api/transport'
import { downloadPdf } from '../print/download'

type PdfMethod = Extract<MethodName, 'moveIn.print' | 'homeService.print' | 'specialEvent.print'>

/** Asks the core for a reception form's PDF and hands it to the printer (or the download); a refusal is said. */
export function usePrintDoc() {
  const { message } = App.useApp()
  return <M extends PdfMethod>(method: M, input: In<M>) =>
    call(method, input)
      .then((r) => downloadPdf(r.fileName, r.pdfBase64))
      .catch((e: Error) => void message.error(e.message))
}
