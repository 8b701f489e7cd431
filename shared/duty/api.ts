import { handoverApi } from './handoverApi'
import { logApi } from './logApi'
import { rosterApi } from './rosterApi'

/** The duty area: roster and leave, duty shifts and the log, handover. */
export const dutyApi = { ...rosterApi, ...logApi, ...handoverApi }
export { handoverApi, logApi, rosterApi }
