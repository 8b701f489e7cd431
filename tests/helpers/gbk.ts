/**
 * Node decodes GB18030 but cannot encode it: build the table from the decoder (every two-byte GBK
 * code), so tests can write files the way Excel on a Chinese Windows saves them.
 */
let table: Map<string, number[]> | null = null

export function gbkBytes(text: string): Buffer {
  if (!table) {
    table = new Map()
    const dec = new TextDecoder('gb18030')
    for (let hi = 0x81; hi <= 0xfe; hi++)
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue
        const ch = dec.decode(new Uint8Array([hi, lo]))
        if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo])
      }
  }
  const out: number[] = []
  for (const ch of text) {
    const code = ch.charCodeAt(0)
    if (code < 0x80) out.push(code)
    else {
      const b = table.get(ch)
      if (!b) throw new Error(`no GBK code for ${ch}`)
      out.push(...b)
    }
  }
  return Buffer.from(out)
}
