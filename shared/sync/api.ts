import { z } from 'zod'
import { method } from '../api/contract'
import { confirmInput, joinBeginInput, syncEnableInput, syncLogInput, terminalRefInput, type PairingOffer, type PairingPending, type SyncConflict, type SyncLogEntry, type SyncStatus } from './schema'

export const syncApi = {
  /** Any clerk: the header's small sync state; the administrator's screen reads the same. */
  'sync.status': method<SyncStatus>()(z.object({}).optional(), 'session'),
  /** Turns LAN sync on or off on this terminal (the sync port listens only while on). */
  'sync.enable': method<SyncStatus>()(syncEnableInput, ['admin']),
  /** 添加终端: a one-time code (8 digits, 10 minutes, 5 tries) and this terminal's addresses. */
  'sync.pair.start': method<PairingOffer>()(z.object({}).optional(), ['admin']),
  /** The sponsor's screen polls this: a joiner has proved the code → both fingerprints to compare. */
  'sync.pair.pending': method<PairingPending | null>()(z.object({}).optional(), ['admin']),
  'sync.pair.confirm': method<PairingPending>()(confirmInput, ['admin']),
  /** On a new terminal (no site yet: public; or an administrator): address + code → fingerprints. */
  'sync.join.begin': method<PairingPending>()(joinBeginInput, 'public'),
  /** The joiner confirms; done once the sponsor confirmed too (then the site arrives by sync). */
  'sync.join.confirm': method<PairingPending>()(confirmInput, 'public'),
  'sync.join.state': method<PairingPending | null>()(z.object({}).optional(), 'public'),
  /** For a new terminal's join form: terminals announcing themselves on the LAN (mDNS; a hint only, typing the address always works). Refused once a site exists. */
  'sync.discover': method<Array<{ name: string; address: string }>>()(z.object({}).optional(), 'public'),
  /** Revokes a terminal's certificate on every peer (the revocation syncs). */
  'sync.remove': method<SyncStatus>()(terminalRefInput, ['admin']),
  'sync.now': method<SyncStatus>()(z.object({}).optional(), ['admin', 'supervisor']),
  'sync.log': method<SyncLogEntry[]>()(syncLogInput, ['admin']),
  /** 设为物品所在终端: custody of the desk's items is taken and handed over only at this terminal. */
  'sync.setCustodyDesk': method<SyncStatus>()(terminalRefInput, ['admin']),
  'sync.conflicts': method<SyncConflict[]>()(syncLogInput, ['admin']),
}
