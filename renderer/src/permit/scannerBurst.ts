/**
 * A USB barcode scanner is a keyboard that types a whole code in a burst (a few ms per key) and ends
 * with Enter; a person types 80 ms or more per key. Telling them apart lets the verify screen catch a
 * scan whatever has the focus, without taking a person's typing for a scan. A busy machine may deliver
 * a key late now and then, so the test is on the average pace, not on every gap.
 */
export interface Keystroke {
  key: string
  /** KeyboardEvent.timeStamp, ms. */
  at: number
}

/** The shortest code worth reading (a serial: FX-2026-1). */
export const MIN_SCAN_LENGTH = 6
/** Average time per key of a scan (a fast typist needs ~100 ms). */
export const MAX_AVERAGE_MS = 40
/** A pause this long ends what came before: the scan starts after it, and Enter must follow within it. */
export const PAUSE_MS = 300

/** At least `minLength` keys at a reader's pace (a card reader's numbers are shorter than a QR code). */
export function isFastBurst(keys: readonly Keystroke[], minLength = MIN_SCAN_LENGTH): boolean {
  return keys.length >= minLength && (keys[keys.length - 1].at - keys[0].at) / (keys.length - 1) <= MAX_AVERAGE_MS
}

/** Is `keys`, followed by Enter at `enterAt`, one scanner burst? */
export function isScannerBurst(keys: readonly Keystroke[], enterAt: number, minLength = MIN_SCAN_LENGTH): boolean {
  return keys.length > 0 && enterAt - keys[keys.length - 1].at <= PAUSE_MS && isFastBurst(keys, minLength)
}

/** The keys since the last pause: what a person typed before the scan is not part of it. */
export function lastBurst(keys: readonly Keystroke[]): Keystroke[] {
  let start = keys.length - 1
  while (start > 0 && keys[start].at - keys[start - 1].at < PAUSE_MS) start--
  return keys.slice(Math.max(0, start))
}
