export interface AuditRow {
  seq: number
  at: string
  staffName: string | null
  terminalId: string
  action: string
  entity: string
  entityId: string | null
  summary: string
}

export interface ChainReport {
  ok: boolean
  checked: number
  /** The first row whose hash or link does not match, when broken. */
  brokenAt?: number
  reason?: string
}
