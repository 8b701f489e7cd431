import { method } from '../api/contract'
import { MAX_ATTACHMENT_BYTES } from '../permit/apiSchema'
import type { PdfFile } from '../print/api'
import {
  byDeposit,
  byUnit,
  collectorAddInput,
  collectorEndInput,
  KEEPS_COLLECTORS,
  MAX_COLLECTOR_FILES,
  READS_SPARE_KEYS,
  SPARE_KEY_DESK_ROLES,
  spareKeyDepositInput,
  spareKeyHandOverInput,
  spareKeyHistoryInput,
  spareKeyListInput,
  spareKeyReturnInput,
  type SpareKeyCollector,
  type SpareKeyCollectorFile,
  type SpareKeyDeposit,
  type SpareKeyMove,
  type UnitSpareKeys,
} from './schema'
import { z } from 'zod'
import { entityId } from '../validate/fields'

/** The collector form carries the scanned authorisation (data: URLs, 2 MB each) besides a few fields of text. */
const COLLECTOR_MAX_BODY = MAX_COLLECTOR_FILES * (Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 400) + 8192

/**
 * 业主寄存钥匙: owners' spare keys held at the desk, released only to the owner or a listed, currently
 * valid collector (the ID number must match). Collectors are entered and ended only by the
 * administrator or the supervisor; the desk's clerks deposit, release, take back and close.
 */
export const spareKeyApi = {
  'spareKey.list': method<SpareKeyDeposit[]>()(spareKeyListInput, READS_SPARE_KEYS),
  /** Everything about one unit's spare keys: deposits held and who may collect them (the unit page). */
  'spareKey.forUnit': method<UnitSpareKeys>()(byUnit, READS_SPARE_KEYS),
  'spareKey.deposit': method<SpareKeyDeposit>()(spareKeyDepositInput, SPARE_KEY_DESK_ROLES),
  /** A refused release is recorded (who asked, why) and then answered as refused. */
  'spareKey.release': method<SpareKeyDeposit>()(spareKeyHandOverInput, SPARE_KEY_DESK_ROLES),
  'spareKey.return': method<SpareKeyDeposit>()(spareKeyReturnInput, SPARE_KEY_DESK_ROLES),
  /** The owner (or a valid collector) takes the keys back for good: the deposit ends. */
  'spareKey.close': method<SpareKeyDeposit>()(spareKeyHandOverInput, SPARE_KEY_DESK_ROLES),
  'spareKey.history': method<SpareKeyMove[]>()(spareKeyHistoryInput, READS_SPARE_KEYS),
  'spareKey.printReceipt': method<PdfFile>()(byDeposit, SPARE_KEY_DESK_ROLES),
  'spareKeyCollector.add': method<SpareKeyCollector>()(collectorAddInput, KEEPS_COLLECTORS, { maxBody: COLLECTOR_MAX_BODY }),
  'spareKeyCollector.end': method<SpareKeyCollector>()(collectorEndInput, KEEPS_COLLECTORS),
  /** The scanned authorisation, opened to check it; every opening is audited. */
  'spareKeyCollector.file': method<SpareKeyCollectorFile>()(z.object({ id: entityId('附件') }), READS_SPARE_KEYS),
}
