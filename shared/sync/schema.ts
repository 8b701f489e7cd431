import { z } from 'zod'

/**
 * LAN sync between the site's terminals (issue H): what the screen 项目设置 → 终端与同步 sends and
 * shows. One source of truth for the form (renderer) and the call (core).
 */

/** An address typed by the administrator: IPv4 or a host name, with an optional port. */
export const peerAddress = z
  .string({ error: '地址:请填写对方终端显示的地址' })
  .trim()
  .min(1, '地址:请填写对方终端显示的地址')
  .max(120, '地址:过长')
  .regex(/^[A-Za-z0-9.-]+(:\d{2,5})?$/, '地址:格式应为 192.168.1.20:47800')

/** The one-time pairing code the other terminal shows: 8 digits (spaces and dashes typed are ignored). */
export const pairingCode = z
  .string({ error: '配对码:请填写对方屏幕上的 8 位数字' })
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{8}$/, '配对码:应为 8 位数字'))

/** The new terminal's own name, shown on every terminal's list (一号前台, 二号前台 …). */
export const joiningName = z
  .string({ error: '本终端名称:请填写,如 二号前台' })
  .trim()
  .min(1, '本终端名称:请填写,如 二号前台')
  .max(20, '本终端名称:不超过 20 个字')

export const joinBeginInput = z.object({ name: joiningName, address: peerAddress, code: pairingCode })
export const confirmInput = z.object({ accept: z.boolean() })
export const terminalRefInput = z.object({ terminalId: z.string().min(1, '终端:请选择') })
export const syncEnableInput = z.object({ enabled: z.boolean() })
export const syncLogInput = z.object({ limit: z.number().int().min(1).max(500).optional() }).optional()

export type PeerState = 'online' | 'offline' | 'never' | 'revoked'

export interface PeerStatus {
  terminalId: string
  name: string
  /** The letter in this terminal's serials (DH-2026-B0001); '' for the first terminal. */
  mark: string
  address: string | null
  state: PeerState
  lastSyncAt: string | null
  /** Our changes it has not yet taken / its changes we have not yet taken (as last seen). */
  waitingOut: number
  waitingIn: number | null
  /** Its clock minus ours (ms), as measured at the last exchange; null before any. */
  clockOffsetMs: number | null
  shortFingerprint: string
  lastError: string | null
}

export interface SyncStatus {
  enabled: boolean
  /** Changes held from other terminals, in all: when it grows, the screens read their data again. */
  received: number
  listening: string | null
  self: { terminalId: string; name: string; mark: string; shortFingerprint: string }
  /** The terminal beside which the desk's items sit (custody is taken and handed over only there); null with one terminal. */
  custodyDeskId: string | null
  peers: PeerStatus[]
  /** For the header: single = no peers; inSync; waiting (n changes); offline (since …). */
  summary: { state: 'single' | 'inSync' | 'waiting' | 'offline'; waiting: number; offlineSince: string | null; clockWarning: string | null }
}

export interface PairingOffer {
  code: string
  expiresAt: string
  /** Where the new terminal reaches this one (LAN addresses with the sync port). */
  addresses: string[]
  shortFingerprint: string
}

/** On both screens during a pairing: the two certificates' short fingerprints, to compare. */
export interface PairingPending {
  pairingId: string
  sponsor: { name: string; shortFingerprint: string }
  joiner: { name: string; shortFingerprint: string }
  /** sponsor side: waiting for the joiner / for us; joiner side: waiting for the sponsor. */
  state: 'waitingJoiner' | 'confirm' | 'waitingSponsor' | 'done' | 'refused' | 'expired'
}

export interface SyncLogEntry {
  at: string
  direction: 'in' | 'out' | 'refused' | 'pair' | 'error'
  peerName: string | null
  count: number
  detail: string
}

/** A value that lost a per-column conflict (kept for the administrator). */
export interface SyncConflict {
  at: string
  table: string
  rowId: string
  column: string
  kept: unknown
  lost: unknown
  lostFrom: string
}
