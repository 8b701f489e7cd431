// Imported first by main.tsx: zod decides at schema construction whether to compile validators
// with `new Function`; the desk's CSP forbids eval, so it must know before any schema is built.
import { z } from 'zod'

z.config({ jitless: true })
