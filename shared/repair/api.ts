import { z } from 'zod'
import { method } from '../api/contract'
import type { PdfFile } from '../print/api'
import {
  READS_REPAIRS,
  REPAIR_CREATE_MAX_BODY,
  REPAIR_DESK_ROLES,
  repairArriveInput,
  repairByIdInput,
  repairCallbackInput,
  repairCompleteInput,
  repairCreateInput,
  repairDayInput,
  repairForwardInput,
  repairPhotoInput,
  repairToldInput,
  repairUpdateInput,
  SETS_REPAIRS,
  type RepairDesk,
  type RepairDetail,
  type RepairPhoto,
} from './schema'
import { repairSettingsInput, type RepairSettings } from './settings'

/** 报修 · 维修单: orders from a phone call, their steps and clocks, the 维修单 and the day's register. */
export const repairApi = {
  'repair.settings': method<RepairSettings>()(z.object({}).optional(), READS_REPAIRS),
  'repair.saveSettings': method<RepairSettings>()(repairSettingsInput, SETS_REPAIRS),
  'repair.create': method<RepairDetail>()(repairCreateInput, REPAIR_DESK_ROLES, { maxBody: REPAIR_CREATE_MAX_BODY }),
  'repair.update': method<RepairDetail>()(repairUpdateInput, REPAIR_DESK_ROLES),
  'repair.forward': method<RepairDetail>()(repairForwardInput, REPAIR_DESK_ROLES),
  'repair.told': method<RepairDetail>()(repairToldInput, REPAIR_DESK_ROLES),
  'repair.arrive': method<RepairDetail>()(repairArriveInput, REPAIR_DESK_ROLES),
  'repair.complete': method<RepairDetail>()(repairCompleteInput, REPAIR_DESK_ROLES),
  'repair.callback': method<RepairDetail>()(repairCallbackInput, REPAIR_DESK_ROLES),
  /** Open orders with their clocks (late first), computed against the core's now. */
  'repair.open': method<RepairDesk>()(z.object({}).optional(), READS_REPAIRS),
  'repair.get': method<RepairDetail>()(repairByIdInput, READS_REPAIRS),
  /** 当日报修登记: orders received on the local day, and those completed on it. */
  'repair.day': method<RepairDesk>()(repairDayInput, READS_REPAIRS),
  'repair.photo': method<RepairPhoto & { dataUrl: string }>()(repairPhotoInput, READS_REPAIRS),
  'repair.print': method<PdfFile>()(repairByIdInput, READS_REPAIRS),
  'repair.printDay': method<PdfFile>()(repairDayInput, READS_REPAIRS),
}
