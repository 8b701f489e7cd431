import { z } from 'zod'
import { idNumber, optionalIsoDate, optionalPhone, optionalText, text } from '../../../validate/fields'
import { mustConfirm, optionalFen, photoDataUrl, serialRef } from '../common'

/** The worker on one 装修人员出入证 (one pass per worker). */
export const workerPassWorker = z.object({
  workerName: text('姓名', 15),
  workerIdNumber: idNumber('身份证号'),
  workerPhone: optionalPhone('联系电话'),
  trade: optionalText('工种', 10),
  /** One-inch photo as a data: URL; else the paper photo is glued on the pass. */
  photo: photoDataUrl('照片'),
  photoCollected: z.boolean().optional(),
  /** Requested validity; empty: from today (or the renovation's start) to the end of the renovation. */
  validFrom: optionalIsoDate('出入证开始日期'),
  validUntil: optionalIsoDate('出入证有效期至'),
  /** Empty: the site's setting (100 元 / 5 元). */
  depositFen: optionalFen('出入证押金'),
  feeFen: optionalFen('工本费'),
  /** 请装修负责人先到财务部交办证押金及工本费: the finance receipt number. */
  receiptNo: text('财务收据号', 30),
  idCopyCollected: mustConfirm('已收取身份证复印件'),
})

export const workerPassFields = workerPassWorker.extend({ renovationSerial: serialRef('装修许可证编号') })
export type WorkerPassFields = z.output<typeof workerPassFields>

/** Several workers of one renovation at once (batch printed, 8 to an A4 sheet). */
export const workerPassBatchFields = z.object({
  renovationSerial: serialRef('装修许可证编号'),
  workers: z.array(workerPassWorker).min(1, { error: '请至少登记一名装修人员' }).max(48, { error: '一次最多办理48张出入证' }),
})
