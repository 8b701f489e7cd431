import crypto from 'node:crypto'
import type { Writer } from '../db/connection'

/**
 * Who made a change. Every peer may relay every origin's changes (a terminal that was offline gets
 * A's changes from B), so a change must carry proof of its origin that a relay cannot forge: each
 * origin's changes form a hash chain, and the last change of each transaction is signed with the
 * origin terminal's private key (its certificate is in `terminals`, pinned at pairing). A receiver
 * checks the chain through a batch and one signature at its end: an altered, reordered, replayed
 * or invented change breaks the chain or the signature.
 */

export interface ChangeRow {
  origin: string
  seq: number
  hlc: string
  tbl: string
  rowId: string
  op: string
  vals: string
  hash: string | null
  sig: string | null
}

export const changeDigest = (prev: string, c: Pick<ChangeRow, 'origin' | 'seq' | 'hlc' | 'tbl' | 'rowId' | 'op' | 'vals'>) =>
  crypto.createHash('sha256').update(prev).update('\n').update(JSON.stringify([c.origin, c.seq, c.hlc, c.tbl, c.rowId, c.op, c.vals])).digest('hex')

export interface Signer {
  sign(data: string): string
}

export function signerOf(keyPem: string): Signer {
  const key = crypto.createPrivateKey(keyPem)
  return { sign: (data) => crypto.sign('sha256', Buffer.from(data), key).toString('base64') }
}

export function verifySig(certOrKeyPem: string, data: string, sig: string): boolean {
  try {
    return crypto.verify('sha256', Buffer.from(data), crypto.createPublicKey(certOrKeyPem), Buffer.from(sig, 'base64'))
  } catch {
    return false
  }
}

/** Before COMMIT: hashes this transaction's new changes onto the chain and signs the last one. */
export async function sealNewChanges(w: Writer, origin: string, signer: Signer | null): Promise<number> {
  const st = (await w.get<{ sealedSeq: number; sealedHash: string }>('SELECT sealed_seq AS sealedSeq, sealed_hash AS sealedHash FROM sync_state WHERE id = 1'))!
  const rows = await w.all<ChangeRow>(
    'SELECT origin, seq, hlc, tbl, row_id AS rowId, op, vals FROM sync_changes WHERE origin = ? AND seq > ? ORDER BY seq',
    [origin, st.sealedSeq],
  )
  if (!rows.length) return 0
  let prev = st.sealedHash
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]
    prev = changeDigest(prev, r)
    const sig = i === rows.length - 1 && signer ? signer.sign(prev) : null
    await w.run('UPDATE sync_changes SET hash = ?, sig = ? WHERE origin = ? AND seq = ?', [prev, sig, origin, r.seq])
  }
  await w.run('UPDATE sync_state SET sealed_seq = ?, sealed_hash = ? WHERE id = 1', [rows[rows.length - 1].seq, prev])
  return rows.length
}
