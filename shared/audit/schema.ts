export interface AuditRow {
  seq: number
  at: string
  staffId: string | null
  staffName: string | null
  terminalId: string
  /** The terminal's name (site setting), null when the terminal was never named. */
  terminalName: string | null
  action: string
  entity: string
  entityId: string | null
  summary: string
}

/** One terminal's keyed chain as found by the check. */
export interface ChainSummary {
  terminalId: string
  terminalName: string | null
  count: number
  /** How many heads kept outside the database (terminal settings, backups) it was compared with. */
  anchors: number
}

export interface ChainReport {
  ok: boolean
  checked: number
  /** The first row whose hash or link does not match, when broken. */
  brokenAt?: number
  reason?: string
  /** Rows before the keyed chains began (sealed without a key, left as they were). */
  legacyRows: number
  chains: ChainSummary[]
  /** Rows missing at the end of a chain, by the heads kept outside the database. */
  truncated?: { terminalId: string; expected: number; found: number; source: string }
  /** What the check could not prove (e.g. no head kept for a chain). */
  warnings: string[]
}
