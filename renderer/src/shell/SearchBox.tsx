import { SearchOutlined } from '@ant-design/icons'
import { AutoComplete, Typography } from 'antd'
import { useDeferredValue, useState } from 'react'
import { useDesk } from '../api/hooks'
import { go } from '../router'

/** Type-ahead anywhere in the shell: room (1502, 3-2-1502), name, pinyin initials (zw), phone tail. */
export function SearchBox() {
  const [q, setQ] = useState('')
  const dq = useDeferredValue(q.trim())
  const hits = useDesk('search.query', { q: dq, limit: 12 }, { enabled: dq.length > 0, placeholderData: (p) => p })
  const options = (dq ? (hits.data ?? []) : []).map((h) => ({
    value: `${h.kind}:${h.id}`,
    label: (
      <div data-testid="search-hit">
        <Typography.Text strong>{h.title}</Typography.Text>
        <br />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {h.subtitle}
        </Typography.Text>
      </div>
    ),
    unitId: h.unitId,
  }))
  return (
    <AutoComplete
      data-testid="global-search"
      style={{ width: 340 }}
      placeholder="房号 / 姓名 / 拼音首字母 / 手机尾号"
      prefix={<SearchOutlined />}
      allowClear
      value={q}
      options={options}
      onChange={setQ}
      onSelect={(_v, o) => {
        setQ('')
        go(`/units/${(o as { unitId: string }).unitId}`)
      }}
      notFoundContent={dq && hits.isFetched ? '没有找到' : null}
    />
  )
}
