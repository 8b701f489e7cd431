import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces'

/**
 * PDF rendering for every printed form (handover record, day log, permits, passes).
 *
 * One pdfmake instance per process, initialised on the first call:
 * - the full Noto Sans SC TTFs (Regular + Bold) travel with the app as an npm dependency, because desk
 *   PCs may have no CJK font and subset fonts lack rare name characters (龑 鍪 …);
 * - their bytes are written once into pdfmake's virtual file system: a Buffer as a font descriptor
 *   crashes pdfmake 0.3.11, and reading from a path costs ~100 ms per A5 page vs ~39 ms from memory;
 * - no URL may be fetched, and only the font files may be read from disk, which also silences the two
 *   warnings pdfmake 0.3 prints for every document when no policy is set.
 */

export const PRINT_FONT = 'NotoSansSC'

/** The subset of the pdfmake Node instance we use (`@types/pdfmake` declares no `virtualfs`). */
interface PdfmakeNode {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean }
  addFonts(fonts: TFontDictionary): void
  setUrlAccessPolicy(cb: (url: string) => boolean): void
  setLocalAccessPolicy(cb: (p: string) => boolean): void
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> }
}

// createRequire, not `import`: pdfmake is CommonJS exporting a ready instance; require() gives the same
// object under tsx, vitest and the electron-vite bundle, with no default-interop guessing.
const require = createRequire(import.meta.url)

let instance: PdfmakeNode | undefined

/** Absolute paths of the two TTFs inside the installed font package. */
export function printFontFiles(): { regular: string; bold: string } {
  const dir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'))
  return {
    regular: path.join(dir, '400Regular', 'NotoSansSC_400Regular.ttf'),
    bold: path.join(dir, '700Bold', 'NotoSansSC_700Bold.ttf'),
  }
}

function pdfmake(): PdfmakeNode {
  if (instance) return instance
  const pm = require('pdfmake') as PdfmakeNode
  const files = printFontFiles()
  // Names inside the virtual fs: plain, no slashes (pdfmake strips its own __dirname and a leading '/').
  const vfsRegular = 'NotoSansSC-Regular.ttf'
  const vfsBold = 'NotoSansSC-Bold.ttf'
  pm.virtualfs.writeFileSync(vfsRegular, fs.readFileSync(files.regular))
  pm.virtualfs.writeFileSync(vfsBold, fs.readFileSync(files.bold))
  // CJK has no italic cut: italics fall back to the upright faces instead of throwing.
  pm.addFonts({
    [PRINT_FONT]: { normal: vfsRegular, bold: vfsBold, italics: vfsRegular, bolditalics: vfsBold },
  })
  pm.setUrlAccessPolicy(() => false)
  const allowed = new Set([files.regular, files.bold])
  pm.setLocalAccessPolicy((p) => allowed.has(path.resolve(p)))
  instance = pm
  return pm
}

/**
 * Renders a pdfmake document to PDF bytes. The document's default font is Noto Sans SC unless it names
 * another registered one; the document object itself is not modified.
 */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  const pm = pdfmake()
  const withFont: TDocumentDefinitions = {
    ...doc,
    defaultStyle: { font: PRINT_FONT, ...doc.defaultStyle },
  }
  return pm.createPdf(withFont).getBuffer()
}
