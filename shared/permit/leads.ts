import { z } from 'zod'
import { entityId } from '../validate/fields'

/** permit.renovationLeads: the leads (装修负责人) of a unit's approved, running renovations. */
export const renovationLeadsInput = z.object({ unitId: entityId('房屋') })

/**
 * One lead as the renovation names him, so the desk picks him as the applicant instead of retyping
 * (a typo would make him a stranger to the renovation). Phone and ID number are whole only for the
 * roles that see personal data (that look is audited); others get them masked and must type them.
 */
export interface RenovationLead {
  renovationId: string
  serial: string
  validUntil: string
  name: string
  phone: string
  idNumber: string | null
  /** false: phone and ID number are masked. */
  whole: boolean
}
