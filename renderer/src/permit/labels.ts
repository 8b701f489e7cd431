import {
  ADDITIONAL_WORK_ITEM_LABELS,
  HOT_WORK_LEVEL_LABELS,
  HOT_WORK_METHOD_LABELS,
  HOT_WORK_PRECAUTIONS,
  LIFT_USE_LABELS,
} from '../../../shared/permit/kinds'

/** Labels of the form fields as the detail page shows them (the PDF has its own layout). */
const FIELD_LABELS: Record<string, string> = {
  contractorName: '装修/施工单位',
  contractorLicense: '资质/执照号',
  leadName: '装修负责人',
  leadPhone: '负责人电话',
  leadIdNumber: '负责人身份证号',
  works: '装修内容',
  startDate: '开始日期',
  endDate: '结束日期',
  depositFen: '押金',
  feeFen: '费用',
  workerCount: '施工人数',
  note: '备注',
  renovationSerial: '装修许可证编号',
  workerName: '姓名',
  workerIdNumber: '身份证号',
  workerPhone: '联系电话',
  trade: '工种',
  receiptNo: '财务收据号',
  newEndDate: '延期至',
  reason: '原因',
  items: '项目',
  location: '施工部位',
  description: '施工内容说明',
  undertaking: '已签署承诺书',
  place: '动火地点',
  level: '动火等级',
  method: '动火方式',
  content: '作业内容',
  welderName: '动火人',
  welderIdNumber: '动火人身份证号',
  welderCertNo: '焊工证号',
  copiesCollected: '已收取复印件',
  start: '开始时间',
  end: '结束时间',
  fireWatcherName: '监火人',
  fireWatcherPhone: '监火人电话',
  extinguisherCount: '灭火器数量',
  precautions: '安全措施',
  gasTestResult: '气体检测结果',
  carrierName: '搬运人',
  carrierIdNumber: '搬运人身份证号',
  carrierPhone: '搬运人电话',
  vehiclePlate: '车牌号',
  date: '日期',
  liftName: '楼梯/电梯位置',
  goods: '搬运物品',
  timeFrom: '开始时间',
  timeTo: '结束时间',
  use: '使用',
  idCopyCollected: '已收取身份证复印件',
}

const PRECAUTION_LABELS = Object.fromEntries(HOT_WORK_PRECAUTIONS.map((p) => [p.code, p.label]))

function show(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (key.endsWith('Fen') && typeof v === 'number') return `${(v / 100).toFixed(2)} 元`
  if (key === 'level') return HOT_WORK_LEVEL_LABELS[v as keyof typeof HOT_WORK_LEVEL_LABELS] ?? String(v)
  if (key === 'method') return HOT_WORK_METHOD_LABELS[v as keyof typeof HOT_WORK_METHOD_LABELS] ?? String(v)
  if (key === 'use') return LIFT_USE_LABELS[v as keyof typeof LIFT_USE_LABELS] ?? String(v)
  if (key === 'precautions' && Array.isArray(v)) return v.map((c) => PRECAUTION_LABELS[c] ?? c).join(';')
  if (key === 'items' && Array.isArray(v))
    return v
      .map((it) => (typeof it === 'string' ? (ADDITIONAL_WORK_ITEM_LABELS[it as keyof typeof ADDITIONAL_WORK_ITEM_LABELS] ?? it) : `${it.name}×${it.quantity}${it.note ? `(${it.note})` : ''}`))
      .join('、')
  if (Array.isArray(v)) return v.join('、')
  return String(v)
}

/** The record's fields as label/value pairs, photos left out. */
export function fieldPairs(fields: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(fields)
    .filter(([k]) => k !== 'photo')
    .map(([k, v]) => [FIELD_LABELS[k] ?? k, show(k, v)])
}
