import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import type { PermitRecord } from '../../../../shared/permit/schema/record'
import { buildAdditionalWorksForm } from './additionalWorks'
import type { PermitPrintOptions, PermitSite } from './common'
import { buildExtensionForm } from './extension'
import { buildHotWorkPermit } from './hotWork'
import { buildLiftUseForm } from './liftUse'
import { buildReleaseSlip } from './releaseSlip'
import { buildRenovationPermit } from './renovation'
import { buildWorkerPass } from './workerPass'

export type { PermitPrintOptions, PermitSite } from './common'
export { buildAdditionalWorksForm } from './additionalWorks'
export { buildExtensionForm } from './extension'
export { buildHotWorkPermit } from './hotWork'
export { buildLiftUseForm } from './liftUse'
export { buildReleaseSlip } from './releaseSlip'
export { buildRenovationPermit } from './renovation'
export { buildWorkerPass, buildWorkerPassSheet, CARD_H, CARD_W, PASSES_PER_SHEET, type WorkerPassPrintItem } from './workerPass'

/**
 * The printed document of any permit record. Throws a DeskError (RULE, Chinese message) when the record
 * may not be printed now (canPrint) or the QR payload is not this document's.
 */
export function buildPermitDocument(site: PermitSite, record: PermitRecord, opts: PermitPrintOptions): TDocumentDefinitions {
  switch (record.kind) {
    case 'renovation':
      return buildRenovationPermit(site, record, opts)
    case 'workerPass':
      return buildWorkerPass(site, record, opts)
    case 'extension':
      return buildExtensionForm(site, record, opts)
    case 'additionalWorks':
      return buildAdditionalWorksForm(site, record, opts)
    case 'hotWork':
      return buildHotWorkPermit(site, record, opts)
    case 'releaseSlip':
      return buildReleaseSlip(site, record, opts)
    case 'liftUse':
      return buildLiftUseForm(site, record, opts)
  }
}
