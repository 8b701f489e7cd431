import { execFileSync } from 'node:child_process'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/**
 * PDF reading for tests, via pdfjs-dist's legacy build (the build pdfjs supports in Node). In Node,
 * pdfjs runs its parser in-process (a "fake worker" it loads itself), so no worker has to be set up;
 * system fonts and eval are off so the result does not depend on the machine.
 */
async function open(buf: Buffer | Uint8Array) {
  // pdfjs transfers (detaches) the array it is given: pass a copy so the caller's Buffer stays usable.
  const data = new Uint8Array(buf)
  return getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise
}

/** The text of each page, items joined in reading order; a line break where pdfjs reports one. */
export async function pdfText(buf: Buffer | Uint8Array): Promise<string[]> {
  const doc = await open(buf)
  try {
    const pages: string[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n)
      const content = await page.getTextContent()
      let text = ''
      for (const item of content.items) {
        if (!('str' in item)) continue
        text += item.str
        if (item.hasEOL) text += '\n'
      }
      pages.push(text)
    }
    return pages
  } finally {
    await doc.destroy()
  }
}

export async function pdfPageCount(buf: Buffer | Uint8Array): Promise<number> {
  const doc = await open(buf)
  try {
    return doc.numPages
  } finally {
    await doc.destroy()
  }
}

/**
 * PNG pages of a PDF for a person to look at (pdftoppm, Debian's poppler-utils). `.ci/run` installs
 * it where it can; on a machine without it the picture is skipped (the text checks are the test),
 * but a PDF that pdftoppm cannot read still fails the test. Returns whether a picture was made.
 */
export function pdfToPng(pdf: string, outBase: string, dpi = 70, singleFile = true): boolean {
  const args = ['-png', '-r', String(dpi), ...(singleFile ? ['-singlefile'] : []), pdf, outBase]
  try {
    execFileSync('pdftoppm', args, { stdio: ['ignore', 'ignore', 'pipe'] })
    return true
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw e
  }
}
