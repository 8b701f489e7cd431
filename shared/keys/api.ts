import { z } from 'zod'
import { method } from '../api/contract'
import type { PdfFile } from '../print/api'
import {
  KEEPS_KEY_REGISTER,
  KEY_DESK_ROLES,
  keyCreateInput,
  keyLendInput,
  keyLoanRangeInput,
  keyLostInput,
  keyRemoveInput,
  keyReturnInput,
  keyUpdateInput,
  READS_KEYS,
  type KeyLoanRow,
  type KeyRow,
  type KeyStaffOption,
} from './schema'

/** 钥匙管理 · public keys: the register (administrator) and the key book (desk). */
export const keyApi = {
  'key.list': method<KeyRow[]>()(z.object({}).optional(), READS_KEYS),
  'key.create': method<KeyRow>()(keyCreateInput, KEEPS_KEY_REGISTER),
  'key.update': method<KeyRow>()(keyUpdateInput, KEEPS_KEY_REGISTER),
  'key.remove': method<null>()(keyRemoveInput, KEEPS_KEY_REGISTER),
  'key.printRegister': method<PdfFile>()(z.object({}).optional(), READS_KEYS),
  /** Staff a key may be lent to (the staff list itself is the administrator's). */
  'keyLoan.staffOptions': method<KeyStaffOption[]>()(z.object({}).optional(), KEY_DESK_ROLES),
  'keyLoan.lend': method<KeyLoanRow>()(keyLendInput, KEY_DESK_ROLES),
  'keyLoan.return': method<KeyLoanRow>()(keyReturnInput, KEY_DESK_ROLES),
  'keyLoan.reportLost': method<KeyRow>()(keyLostInput, KEY_DESK_ROLES),
  /** Keys out now, overdue first (the duty desk and the supervisor desk). */
  'keyLoan.out': method<KeyLoanRow[]>()(z.object({}).optional(), READS_KEYS),
  'keyLoan.list': method<KeyLoanRow[]>()(keyLoanRangeInput, READS_KEYS),
  'keyLoan.print': method<PdfFile>()(keyLoanRangeInput, READS_KEYS),
}
