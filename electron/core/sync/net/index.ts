// The LAN sync transport (pure Node: no database, no Electron). The core wires it in.
export { isPrivateOrLoopback, lanAddresses } from './addresses'
export { closeSyncConnections, syncCall, type SyncCallOptions } from './client'
export { announce, browse, SERVICE_TYPE, type Announcement, type FoundTerminal } from './discovery'
export { isSyncNetError, SyncNetError, type SyncNetErrorKind } from './errors'
export { fingerprintOfDer, fingerprintOfPem, IDENTITY_FILE, loadOrCreateIdentity, shortFingerprint, type Identity } from './identity'
export * from './pairing'
export { MAX_SYNC_BODY, startSyncServer, type SyncPeer, type SyncRefusal, type SyncRequest, type SyncServer, type SyncServerOptions } from './server'
export { DEFAULT_SYNC_PORT, parseAddress } from './tlsRequest'
