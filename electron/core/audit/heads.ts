import crypto from 'node:crypto'
import type { ChainHead } from './chain'

/**
 * Where this terminal keeps the heads of the audit chains, outside the database (the terminal's
 * settings file: `conf` in host mode, electron-store in Electron). The core gets it as this small
 * interface so it stays free of Electron. `epoch` changes when a backup is restored: backups of an
 * earlier epoch describe a history the restored database has left, and are not compared with it.
 */
export interface StoredHeads {
  epoch: string
  /** terminal id → the head last seen (written after each commit that appended to that chain). */
  heads: Record<string, { count: number; hash: string; at: string }>
}

export interface AuditHeadStore {
  read(): StoredHeads | undefined
  write(value: StoredHeads): void
  /** Writes anything held back (bufferedHeadStore) now. */
  flush?(): void
}

/** A head store in memory (tests, scripts): survives nothing, anchors only this process. */
export function memoryHeadStore(initial?: StoredHeads): AuditHeadStore {
  let value = initial
  return {
    read: () => value,
    write: (v) => {
      value = structuredClone(v)
    },
  }
}

/** A head outside the database that the chain must still reach (where it came from, for the report). */
export interface Anchor extends ChainHead {
  source: string
}

export function anchorsOf(stored: StoredHeads | undefined, source: string): Anchor[] {
  return Object.entries(stored?.heads ?? {}).map(([terminalId, h]) => ({ terminalId, count: h.count, hash: h.hash, source }))
}

/** Records a chain's new head (after COMMIT). A failure to write it never undoes the saved work. */
export function recordHead(store: AuditHeadStore, terminalId: string, head: { count: number; hash: string; at: string }) {
  try {
    const cur = store.read()
    const epoch = cur?.epoch ?? newEpoch()
    const prev = cur?.heads[terminalId]
    // Commits reach here in order; never move a head backwards.
    if (prev && prev.count >= head.count) return
    store.write({ epoch, heads: { ...cur?.heads, [terminalId]: head } })
  } catch (e) {
    console.error('[desk] 无法写入审计链头记录', e)
  }
}

export const newEpoch = () => crypto.randomUUID()

/**
 * The terminal's store behind a short delay: a settings-file write costs milliseconds (measured
 * 1–6 ms with its fsync), so the heads of a burst of saves go out in one write at most every
 * `delayMs`. A crash in between leaves the kept head a little behind the database, which the check
 * accepts (it proves less about the last rows, and raises no false alarm). `flush` writes at once.
 */
export function bufferedHeadStore(store: AuditHeadStore, delayMs = 250): AuditHeadStore & { flush(): void } {
  let pending: StoredHeads | undefined
  let timer: NodeJS.Timeout | undefined
  const flush = () => {
    clearTimeout(timer)
    timer = undefined
    if (!pending) return
    const v = pending
    pending = undefined
    try {
      store.write(v)
    } catch (e) {
      console.error('[desk] 无法写入审计链头记录', e)
    }
  }
  return {
    read: () => pending ?? store.read(),
    write: (v) => {
      pending = structuredClone(v)
      if (!timer) {
        timer = setTimeout(flush, delayMs)
        timer.unref()
      }
    },
    flush,
  }
}
