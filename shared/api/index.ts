import { auditApi } from '../audit/api'
import { handoverApi, logApi, rosterApi } from '../duty/api'
import { permitApi } from '../permit/api'
import { printApi } from '../print/api'
import { registryApi } from '../registry/api'
import { siteApi } from '../site/api'
import { staffApi } from '../staff/api'
import type { InputOf, OutputOf } from './contract'

/** The whole desk API: one table merged from each area's. Names are `area.verb`. */
export const api = { ...siteApi, ...staffApi, ...registryApi, ...auditApi, ...rosterApi, ...logApi, ...handoverApi, ...printApi, ...permitApi }
export type Api = typeof api
export type MethodName = keyof Api
export type In<M extends MethodName> = InputOf<Api[M]>
export type Out<M extends MethodName> = OutputOf<Api[M]>

// Spreading would silently let a later area override an earlier one's method: refuse that.
const seen = new Set<string>()
for (const area of [siteApi, staffApi, registryApi, auditApi, rosterApi, logApi, handoverApi, printApi, permitApi]) {
  for (const name of Object.keys(area)) {
    if (seen.has(name)) throw new Error(`duplicate API method ${name}`)
    seen.add(name)
  }
}
