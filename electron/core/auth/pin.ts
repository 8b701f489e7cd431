import crypto from 'node:crypto'
import { promisify } from 'node:util'

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, len: number, opts: crypto.ScryptOptions) => Promise<Buffer>
const N = 16384
const R = 8
const P = 1
const LEN = 32

/** PINs are stored only as scrypt hashes: scrypt$N$r$p$salt$hash. */
export async function hashPin(pin: string): Promise<string> {
  const salt = crypto.randomBytes(16)
  const key = await scrypt(pin, salt, LEN, { N, r: R, p: P })
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`
}

/** How many PINs this process has evaluated (scrypt runs of checkPin): what a guesser gets, measured. */
export const pinEvaluations = { count: 0 }

export async function checkPin(pin: string, stored: string): Promise<boolean> {
  pinEvaluations.count++
  const [alg, n, r, p, salt, hash] = stored.split('$')
  if (alg !== 'scrypt') return false
  const expected = Buffer.from(hash, 'base64')
  const key = await scrypt(pin, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) })
  return crypto.timingSafeEqual(key, expected)
}
