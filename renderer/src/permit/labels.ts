import {
  ADDITIONAL_WORK_ITEM_LABELS,
  HOT_WORK_LEVEL_LABELS,
  HOT_WORK_METHOD_LABELS,
  HOT_WORK_PRECAUTIONS,
  LIFT_USE_LABELS,
} from '../../../shared/permit/kinds'
import { FIELD_LABELS } from '../../../shared/permit/fieldLabels'


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
export function fieldPairs(fields: Record<string, unknown>, validUntil?: string): Array<[string, string]> {
  return Object.entries(fields)
    .filter(([k]) => k !== 'photo')
    .map(([k, v]) => {
      // The form's end date stays as applied for; after an approved extension the record runs longer.
      const extended = k === 'endDate' && typeof v === 'string' && validUntil && validUntil > v ? `(已延期至 ${validUntil})` : ''
      return [FIELD_LABELS[k] ?? k, show(k, v) + extended]
    })
}
