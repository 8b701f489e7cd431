import { describe, expect, it } from 'vitest'
import { isScannerBurst, lastBurst, type Keystroke } from '../../renderer/src/permit/scannerBurst'

const typed = (text: string, start: number, gap: number): Keystroke[] => [...text].map((key, i) => ({ key, at: start + i * gap }))

describe('scanner burst on the verify screen', () => {
  it('a scanner burst ending in Enter is one scan; a person typing is not', () => {
    const scan = typed('WYQT:FX-2026-0001:ABCDEFGHJK', 1000, 4)
    expect(isScannerBurst(scan, scan.at(-1)!.at + 6)).toBe(true)
    const person = typed('FX-2026-0001', 1000, 120)
    expect(isScannerBurst(person, person.at(-1)!.at + 150)).toBe(false)
    // Too short to be a code, or Enter long after the last key.
    expect(isScannerBurst(typed('abc', 0, 3), 12)).toBe(false)
    expect(isScannerBurst(scan, scan.at(-1)!.at + 500)).toBe(false)
    // A key delivered late by a busy machine does not break a scan.
    const hiccup = scan.map((k, i) => (i >= 10 ? { ...k, at: k.at + 150 } : k))
    expect(isScannerBurst(lastBurst(hiccup), hiccup.at(-1)!.at + 5)).toBe(true)
    expect(lastBurst(hiccup)).toHaveLength(scan.length)
  })

  it('keys a person typed before the scan are left out', () => {
    const keys = [...typed('xy', 0, 400), ...typed('FX-2026-0001', 2000, 5)]
    expect(lastBurst(keys).map((k) => k.key).join('')).toBe('FX-2026-0001')
    expect(isScannerBurst(lastBurst(keys), 2000 + 11 * 5 + 5)).toBe(true)
  })
})
