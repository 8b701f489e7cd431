import { z } from 'zod'
import { method } from '../api/contract'
import { DUTY_ROLES, READS_DUTY } from './kinds'
import {
  byHandover,
  handoverAckInput,
  handoverKeyAckInput,
  handoverAskInput,
  handoverCheckInput,
  handoverCountInput,
  handoverExplainInput,
  handoverIncomingInput,
  handoverListInput,
  handoverSignInput,
  handoverStartInput,
  type HandoverChainReport,
  type HandoverRow,
  type HandoverSigned,
  type HandoverView,
} from './handoverSchema'

export const handoverApi = {
  'handover.start': method<HandoverView>()(handoverStartInput, DUTY_ROLES),
  'handover.get': method<HandoverView>()(byHandover, READS_DUTY),
  'handover.incoming': method<HandoverView>()(handoverIncomingInput, DUTY_ROLES),
  'handover.ack': method<HandoverView>()(handoverAckInput, DUTY_ROLES),
  'handover.ackKey': method<HandoverView>()(handoverKeyAckInput, DUTY_ROLES),
  'handover.ask': method<HandoverView>()(handoverAskInput, DUTY_ROLES),
  'handover.check': method<HandoverView>()(handoverCheckInput, DUTY_ROLES),
  'handover.count': method<HandoverView>()(handoverCountInput, DUTY_ROLES),
  'handover.explain': method<HandoverView>()(handoverExplainInput, DUTY_ROLES),
  'handover.sign': method<HandoverSigned>()(handoverSignInput, DUTY_ROLES, { maxBody: 1024 * 1024 }), // two drawn signatures of ≤400 KB
  'handover.list': method<{ rows: HandoverRow[]; total: number }>()(handoverListInput, READS_DUTY),
  'handover.verify': method<HandoverChainReport>()(z.object({}).optional(), READS_DUTY),
}
