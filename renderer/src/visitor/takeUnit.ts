import type { FormInstance } from 'antd'
import type { RefObject } from 'react'
import type { UnitPickerHandle } from '../duty/UnitPicker'

/**
 * The unit of a reception form at save time: the one picked, or the single match of the text typed and
 * not picked (never a guess among several). Null with the reason on the field when there is none.
 */
export async function takeUnit(form: FormInstance, picker: RefObject<UnitPickerHandle | null>, label: string, field = 'unitId'): Promise<string | null> {
  const picked = form.getFieldValue(field) as string | undefined
  if (picked) return picked
  const r = picker.current?.pending() ? await picker.current.resolve() : null
  if (r && 'unitId' in r) {
    form.setFieldValue(field, r.unitId)
    return r.unitId
  }
  form.setFields([{ name: field, errors: [r ? r.problem : `${label}不能为空`] }])
  picker.current?.focus()
  return null
}
