import { z } from 'zod'
import { method } from '../api/contract'
import type { PdfFile } from '../print/api'
import {
  HOME_SERVICE_ROLES,
  HOME_SERVICE_SETTINGS_ROLES,
  homeServiceBookInput,
  homeServiceCallBackInput,
  homeServiceCancelInput,
  homeServiceDoneInput,
  homeServiceFollowUpInput,
  homeServiceListInput,
  homeServiceRangeInput,
  priceListInput,
  READS_HOME_SERVICE,
  type HomeServiceList,
  type HomeServiceRow,
  type PriceItem,
} from './schema'

export * from './schema'

/** 家居服务: booking, the 2-hour call-back, finish, same-day follow-up, cancel; the price list is a site setting. */
export const homeServiceApi = {
  'homeService.prices': method<PriceItem[]>()(z.object({}).optional(), READS_HOME_SERVICE),
  'homeService.savePrices': method<PriceItem[]>()(priceListInput, HOME_SERVICE_SETTINGS_ROLES),
  'homeService.book': method<HomeServiceRow>()(homeServiceBookInput, HOME_SERVICE_ROLES),
  'homeService.callBack': method<HomeServiceRow>()(homeServiceCallBackInput, HOME_SERVICE_ROLES),
  'homeService.done': method<HomeServiceRow>()(homeServiceDoneInput, HOME_SERVICE_ROLES),
  'homeService.followUp': method<HomeServiceRow>()(homeServiceFollowUpInput, HOME_SERVICE_ROLES),
  'homeService.cancel': method<HomeServiceRow>()(homeServiceCancelInput, HOME_SERVICE_ROLES),
  'homeService.list': method<HomeServiceList>()(homeServiceListInput, READS_HOME_SERVICE),
  /** 家居服务登记表 for a period (local dates, inclusive). */
  'homeService.print': method<PdfFile>()(homeServiceRangeInput, READS_HOME_SERVICE),
}
