import { z } from 'zod'
import { method } from '../api/contract'
import type { PdfFile } from '../print/api'
import {
  PARCEL_DESK_ROLES,
  parcelDelegateInput,
  parcelIdInput,
  parcelNotifyInput,
  parcelPickUpInput,
  parcelRangeInput,
  parcelReceiveInput,
  parcelSettingsSchema,
  READS_PARCELS,
  SETS_PARCELS,
  type ParcelRow,
  type ParcelSettings,
} from './schema'

/** 邮件收递: parcels and special mail kept at the desk for owners, from arrival to pickup. */
export const parcelApi = {
  'parcel.settings': method<ParcelSettings>()(z.object({}).optional(), READS_PARCELS),
  'parcel.saveSettings': method<ParcelSettings>()(parcelSettingsSchema, SETS_PARCELS),
  'parcel.receive': method<ParcelRow>()(parcelReceiveInput, PARCEL_DESK_ROLES),
  'parcel.notify': method<ParcelRow>()(parcelNotifyInput, PARCEL_DESK_ROLES),
  'parcel.addDelegate': method<ParcelRow>()(parcelDelegateInput, PARCEL_DESK_ROLES),
  'parcel.pickUp': method<ParcelRow>()(parcelPickUpInput, PARCEL_DESK_ROLES, { maxBody: 512 * 1024 }),
  /** Waiting at the desk, the longest first. */
  'parcel.waiting': method<ParcelRow[]>()(z.object({}).optional(), READS_PARCELS),
  /** Received in a range of local days (with their pickups). */
  'parcel.list': method<ParcelRow[]>()(parcelRangeInput, READS_PARCELS),
  /** 邮件领取登记表: received in the range, with a signature column (drawn signatures printed). */
  'parcel.print': method<PdfFile>()(parcelRangeInput, READS_PARCELS),
  /** 邮件领取单 of one pickup, with the signature line (or the drawn signature). */
  'parcel.printSlip': method<PdfFile>()(parcelIdInput, READS_PARCELS),
}
