import { message } from 'antd'
import { callTerminal, DeskCallError, hasTerminal } from '../api/transport'

/**
 * Hands a PDF the core made to the clerk. In Electron the main process asks: print to the printer
 * remembered for this kind of form, choose another, or open the PDF (shared/terminal/api). In host
 * mode the browser downloads it.
 */
export function downloadPdf(fileName: string, base64: string) {
  if (hasTerminal()) {
    void deliver(fileName, base64)
    return
  }
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const a = document.createElement('a')
  a.href = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
}

/**
 * antd's static message (downloadPdf is called from callbacks, outside React): it does not see the
 * app's ConfigProvider, so it is given the page's font (the shipped CJK font) explicitly.
 */
function notify(type: 'success' | 'warning' | 'error', content: string, duration = 3) {
  void message.open({ type, content, duration, style: { fontFamily: getComputedStyle(document.body).fontFamily } })
}

async function deliver(fileName: string, pdfBase64: string) {
  try {
    const r = await callTerminal('terminal.deliverPdf', { fileName, pdfBase64 })
    if (r.action === 'printed') notify('success', `${fileName} 已发送到打印机 ${r.printer ?? ''}`)
    else if (r.action === 'saved') notify('warning', `无法打开PDF,文件已保存在:${r.file ?? '临时文件夹'}`, 8)
  } catch (e) {
    // The main process words its own errors in Chinese; anything else (IPC broke) gets a prefix.
    notify('error', e instanceof DeskCallError ? e.message : `无法打印或打开PDF:${e instanceof Error ? e.message : String(e)}`, 8)
  }
}
