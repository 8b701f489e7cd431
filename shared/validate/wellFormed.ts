/** A UTF-16 surrogate without its pair: no character at all, and SQLite (UTF-8) would store U+FFFD instead. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * The path of the first text in `input` that is not well-formed Unicode, or null. Such text cannot
 * be saved as typed (the database would keep something else, and a sealed record would no longer
 * match its seal), so the door refuses it instead of letting it be silently changed.
 */
export function malformedTextPath(input: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof input === 'string') return LONE_SURROGATE.test(input) ? path : null
  if (input === null || typeof input !== 'object' || depth > 32) return null
  for (const [k, v] of Object.entries(input)) {
    if (LONE_SURROGATE.test(k)) return [...path, k]
    const found = malformedTextPath(v, [...path, k], depth + 1)
    if (found) return found
  }
  return null
}
