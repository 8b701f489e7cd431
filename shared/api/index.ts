import { auditApi } from '../audit/api'
import { cardApi } from '../cards/api'
import { complaintApi } from '../complaint/api'
import { handoverApi, logApi, rosterApi } from '../duty/api'
import { keyApi } from '../keys/api'
import { kpiApi } from '../kpi/api'
import { homeServiceApi } from '../homeService/api'
import { moveInApi } from '../moveIn/api'
import { specialEventApi } from '../specialEvent/api'
import { parcelApi } from '../parcel/api'
import { visitorApi } from '../visitor/api'
import { permitApi } from '../permit/api'
import { printApi } from '../print/api'
import { registryApi } from '../registry/api'
import { repairApi } from '../repair/api'
import { siteApi } from '../site/api'
import { syncApi } from '../sync/api'
import { spareKeyApi } from '../spareKeys/api'
import { staffApi } from '../staff/api'
import type { InputOf, OutputOf } from './contract'

/** The whole desk API: one table merged from each area's. Names are `area.verb`. */
export const api = { ...siteApi, ...staffApi, ...registryApi, ...auditApi, ...rosterApi, ...logApi, ...handoverApi, ...printApi, ...permitApi, ...cardApi, ...keyApi, ...spareKeyApi, ...complaintApi, ...repairApi, ...moveInApi, ...homeServiceApi, ...specialEventApi, ...kpiApi, ...visitorApi, ...parcelApi, ...syncApi }
export type Api = typeof api
export type MethodName = keyof Api
export type In<M extends MethodName> = InputOf<Api[M]>
export type Out<M extends MethodName> = OutputOf<Api[M]>

// Spreading would silently let a later area override an earlier one's method: refuse that.
const seen = new Set<string>()
for (const area of [siteApi, staffApi, registryApi, auditApi, rosterApi, logApi, handoverApi, printApi, permitApi, cardApi, keyApi, spareKeyApi, complaintApi, repairApi, moveInApi, homeServiceApi, specialEventApi, kpiApi, visitorApi, parcelApi, syncApi]) {
  for (const name of Object.keys(area)) {
    if (seen.has(name)) throw new Error(`duplicate API method ${name}`)
    seen.add(name)
  }
}
