// The one-time code protocol of 添加终端: the sponsor (already in the site) and the joiner (new).
export { PairingSponsor, type PairAnswer, type PairContext, type PairingParty, type PairingSponsorOptions, type PairRoute, type SponsorPending, type SponsorSelf, type SponsorState } from './pairingSponsor'
export { joinPairing, type JoinHandle, type JoinerState, type JoinPairingOptions } from './pairingJoiner'
