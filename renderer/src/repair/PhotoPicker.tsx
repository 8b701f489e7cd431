import { Button, Space, Tag, Typography } from 'antd'
import { useRef, useState } from 'react'
import { MAX_REPAIR_PHOTOS } from '../../../shared/repair/schema'

export interface PickedPhoto {
  label: string
  fileName: string
  dataUrl: string
}

const MAX_BYTES = 2 * 1024 * 1024

/** Optional photos of the damage (PNG/JPEG, ≤ 2MB each, up to six), read in the browser as data: URLs. */
export function PhotoPicker({ value = [], onChange }: { value?: PickedPhoto[]; onChange?: (v: PickedPhoto[]) => void }) {
  const input = useRef<HTMLInputElement>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const add = async (files: FileList | null) => {
    let why: string | null = null
    const next = [...value]
    for (const f of Array.from(files ?? [])) {
      if (!['image/png', 'image/jpeg'].includes(f.type)) why = `「${f.name}」不是 PNG 或 JPEG 图片`
      else if (f.size > MAX_BYTES) why = `照片「${f.name}」超过2MB`
      else if (next.length >= MAX_REPAIR_PHOTOS) why = `照片不能超过${MAX_REPAIR_PHOTOS}张`
      else {
        const dataUrl = await new Promise<string>((res, rej) => {
          const r = new FileReader()
          r.onload = () => res(String(r.result))
          r.onerror = () => rej(r.error)
          r.readAsDataURL(f)
        })
        next.push({ label: `照片${next.length + 1}`, fileName: f.name.slice(0, 100), dataUrl })
      }
    }
    setProblem(why)
    onChange?.(next)
  }
  return (
    <Space wrap>
      {value.map((p, i) => (
        <Tag key={i} closable onClose={() => onChange?.(value.filter((_, k) => k !== i))}>
          {p.label}:{p.fileName}
        </Tag>
      ))}
      <Button size="small" onClick={() => input.current?.click()} data-testid="repair-photo-add">
        添加照片
      </Button>
      <input ref={input} type="file" accept="image/png,image/jpeg" multiple style={{ display: 'none' }} onChange={(e) => void add(e.target.files).then(() => (e.target.value = ''))} />
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
    </Space>
  )
}
