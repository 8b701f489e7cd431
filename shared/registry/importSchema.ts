import { z } from 'zod'

/**
 * The columns a site file must have (the header row, in Chinese). Extra columns are ignored.
 * One row is one resident; its unit is created when it does not exist yet.
 */
export const IMPORT_COLUMNS = ['楼栋', '单元', '房号', '姓名', '类型', '电话', '身份证号', '入住日期'] as const
export const REQUIRED_IMPORT_COLUMNS = ['楼栋', '房号', '姓名', '类型', '电话'] as const

export const importFileInput = z.object({
  fileName: z
    .string({ error: '文件名不能为空' })
    .regex(/\.(csv|xlsx)$/i, { error: '文件类型应为 .csv 或 .xlsx' }),
  /** The file's bytes, base64 (works over IPC and HTTP alike). */
  contentBase64: z.string().min(1, { error: '文件内容为空' }).max(40_000_000, { error: '文件过大(上限约30MB)' }),
})

export const importCommitInput = importFileInput.extend({
  /** 'all' refuses a file with any bad row; 'validOnly' imports the good rows and skips the rest. */
  mode: z.enum(['all', 'validOnly'], { error: '导入方式不正确' }),
})

export interface ImportRowError {
  row: number
  field: string
  message: string
}

export interface ImportPreview {
  totalRows: number
  validRows: number
  newUnits: number
  errors: ImportRowError[]
  sample: Array<{ row: number; unit: string; name: string; kind: string; phone: string }>
}

export interface ImportResult {
  importedResidents: number
  createdUnits: number
  createdBuildings: number
  skippedRows: number
}
