import { DownloadOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Select, Space, Table, Tag, Typography, Upload } from 'antd'
import { useState } from 'react'
import {
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  IMPORT_SYNONYMS,
  REQUIRED_IMPORT_FIELDS,
  refusedRowsCsv,
  type ImportField,
  type ImportPreview,
  type ImportResult,
  type ImportRowError,
  type RefusedRow,
} from '../../../shared/registry/importSchema'
import TEMPLATE from '../../../resources/住户导入模板.csv?raw'
import { useDeskMutation } from '../api/hooks'

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf)
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

function download(name: string, text: string) {
  const a = document.createElement('a')
  a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }))
  a.download = name
  a.click()
}

type Mapping = Record<ImportField, string | null>
const NOT_IMPORTED = '__none__'

/** Which column of the file each field is read from; the administrator can change it. */
function MappingEditor({ preview, onChange, disabled }: { preview: ImportPreview; onChange: (m: Mapping) => void; disabled: boolean }) {
  const used = new Set(Object.values(preview.mapping).filter(Boolean))
  const unused = preview.headers.filter((h) => !used.has(h))
  return (
    <div data-testid="import-mapping">
      <Typography.Text strong>列对应</Typography.Text>
      <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
        已按表头自动对应(如 联系电话/手机 → 电话、楼号/栋 → 楼栋);不对时在此改选,会重新检查。
      </Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: '8px 16px', marginTop: 8 }}>
        {IMPORT_FIELDS.map((f) => {
          const required = REQUIRED_IMPORT_FIELDS.includes(f)
          const missing = preview.missing.includes(f)
          return (
            <label key={f} style={{ display: 'flex', alignItems: 'center', gap: 8 }} title={`也认:${IMPORT_SYNONYMS[f].join('、')}`}>
              <span style={{ width: 64, flex: 'none', textAlign: 'right' }}>
                {required && <span style={{ color: '#ff4d4f' }}>* </span>}
                {IMPORT_FIELD_LABELS[f]}
              </span>
              <Select
                data-testid={`map-${f}`}
                aria-label={`${IMPORT_FIELD_LABELS[f]}对应的列`}
                size="small"
                status={missing ? 'error' : undefined}
                style={{ flex: 1, minWidth: 0 }}
                disabled={disabled}
                value={preview.mapping[f] ?? NOT_IMPORTED}
                onChange={(v) => onChange({ ...preview.mapping, [f]: v === NOT_IMPORTED ? null : v })}
                options={[{ value: NOT_IMPORTED, label: required ? '(未选择)' : '(不导入)' }, ...preview.headers.map((h) => ({ value: h, label: h }))]}
              />
            </label>
          )
        })}
      </div>
      {unused.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          未使用的列:{unused.join('、')}
        </Typography.Paragraph>
      )}
    </div>
  )
}

/** The refused rows with the value refused, and the CSV of them to fix and import again. */
function RefusedRows({ fileName, headers, errors, rows, title }: { fileName: string; headers: string[]; errors: ImportRowError[]; rows: RefusedRow[]; title: string }) {
  if (!rows.length) return null
  const base = fileName.replace(/\.(csv|xlsx)$/i, '')
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong>{title}</Typography.Text>
        <Button icon={<DownloadOutlined />} data-testid="import-download-refused" onClick={() => download(`${base}-未导入的行.csv`, refusedRowsCsv(headers, rows))}>
          下载未导入的行(CSV,修正后可重新导入)
        </Button>
      </Space>
      <Table
        size="small"
        rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
        dataSource={errors}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="import-errors"
        columns={[
          { title: '行号', dataIndex: 'row', width: 70 },
          { title: '列', dataIndex: 'field', width: 90 },
          { title: '填写的值', dataIndex: 'value', width: 200, render: (v: string) => (v ? <Tag color="error">{v}</Tag> : <Typography.Text type="secondary">(空)</Typography.Text>) },
          { title: '问题', dataIndex: 'message' },
        ]}
      />
    </Space>
  )
}

/**
 * Import units and residents from a site's own CSV or Excel file: the columns are matched by the
 * names sites use, the administrator checks the mapping and the refused rows, then imports all or
 * only the correct rows. The result stays on screen with the refused rows to download.
 */
export function ImportPage() {
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null)
  const [mapping, setMapping] = useState<Mapping | undefined>()
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [result, setResult] = useState<(ImportResult & { fileName: string }) | null>(null)
  const [refusal, setRefusal] = useState<string | null>(null)
  const check = useDeskMutation('import.preview', { onSuccess: (p) => (setPreview(p), setRefusal(null)) })
  const commit = useDeskMutation('import.commit', {
    onSuccess: (r) => {
      setResult({ ...r, fileName: file?.fileName ?? '' })
      setPreview(null)
      setFile(null)
    },
  })

  const recheck = (next: Mapping) => {
    if (!file) return
    setMapping(next)
    check.mutate({ ...file, mapping: next }, { onError: (e) => setRefusal(e.message) })
  }
  const run = (mode: 'all' | 'validOnly') => file && commit.mutate({ ...file, mapping, mode }, { onError: (e) => setRefusal(e.message) })
  const refusedCount = preview?.refusedRows.length ?? 0

  return (
    <Card
      title="导入房屋与住户"
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => download('住户导入模板.csv', TEMPLATE)}>
          下载模板
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        支持 .csv(UTF-8 或 GBK)与 .xlsx,第一行为表头。常见写法都能识别:楼栋写 3、3栋、3号楼、3#;单元写 2、2单元;房号 0301 与 301 是同一房屋,也可在房号一列写全(3-2-1502、3栋2单元1502室);日期写
        2019-05-01、2019/5/1、2019.5.1、2020年3月8日 均可;类型填 业主/租户/家属。房屋不存在时自动创建。
      </Typography.Paragraph>
      <Space>
        <Upload
          accept=".csv,.xlsx"
          maxCount={1}
          showUploadList={false}
          beforeUpload={async (f) => {
            const next = { fileName: f.name, contentBase64: toBase64(await f.arrayBuffer()) }
            setFile(next)
            setMapping(undefined)
            setResult(null)
            setPreview(null)
            setRefusal(null)
            check.mutate(next, { onError: (e) => setRefusal(e.message) })
            return false
          }}
        >
          <Button icon={<UploadOutlined />} loading={check.isPending} data-testid="import-choose">
            选择文件并检查
          </Button>
        </Upload>
        {file && <Typography.Text data-testid="import-file">{file.fileName}</Typography.Text>}
      </Space>

      {preview && file && (
        <Space direction="vertical" size="middle" style={{ width: '100%', marginTop: 16 }} data-testid="import-preview">
          <MappingEditor preview={preview} onChange={recheck} disabled={check.isPending || commit.isPending} />
          {preview.missing.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              data-testid="import-missing"
              message={`文件中没有找到这些列:${preview.missing.map((f) => IMPORT_FIELD_LABELS[f]).join('、')}。请在上面的"列对应"中选择它们对应的列。`}
            />
          ) : (
            <>
              <Descriptions size="small" bordered column={4} data-testid="import-counts">
                <Descriptions.Item label="数据行">{preview.totalRows}</Descriptions.Item>
                <Descriptions.Item label="可导入">{preview.validRows}</Descriptions.Item>
                <Descriptions.Item label="未通过">{refusedCount}</Descriptions.Item>
                <Descriptions.Item label="将新建房屋">{preview.newUnits}</Descriptions.Item>
              </Descriptions>
              {preview.sample.length > 0 && (
                <Table
                  size="small"
                  rowKey="row"
                  pagination={false}
                  data-testid="import-sample"
                  title={() => <Typography.Text strong>将导入(前 {preview.sample.length} 行,按识别后的写法)</Typography.Text>}
                  dataSource={preview.sample}
                  columns={[
                    { title: '行号', dataIndex: 'row', width: 70 },
                    { title: '房屋', dataIndex: 'unit' },
                    { title: '姓名', dataIndex: 'name' },
                    { title: '类型', dataIndex: 'kind', render: (k: string) => <Tag>{k}</Tag> },
                    { title: '电话', dataIndex: 'phone' },
                    { title: '入住日期', dataIndex: 'moveInDate' },
                  ]}
                />
              )}
              {refusedCount > 0 && (
                <Alert
                  type="error"
                  showIcon
                  message={`有 ${refusedCount} 行未通过检查:按"全部导入"不会写入任何数据;可下载这些行修正后重新导入,或只导入正确的 ${preview.validRows} 行。`}
                />
              )}
              <RefusedRows title="未通过检查的行" fileName={file.fileName} headers={preview.headers} errors={preview.errors} rows={preview.refusedRows} />
              <Space>
                <Button type="primary" disabled={refusedCount > 0} loading={commit.isPending} onClick={() => run('all')} data-testid="import-all">
                  全部导入
                </Button>
                {refusedCount > 0 && preview.validRows > 0 && (
                  <Button danger loading={commit.isPending} onClick={() => run('validOnly')} data-testid="import-valid-only">
                    仅导入正确的 {preview.validRows} 行
                  </Button>
                )}
              </Space>
            </>
          )}
          {refusal && <Alert type="error" showIcon message={refusal} data-testid="import-refusal" />}
        </Space>
      )}
      {refusal && !preview && <Alert style={{ marginTop: 16 }} type="error" showIcon message={refusal} data-testid="import-refusal" />}
      {result && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 16 }} data-testid="import-result">
          <Alert
            type={result.skippedRows ? 'warning' : 'success'}
            showIcon
            message={`${result.fileName}:已导入住户 ${result.importedResidents} 人,新建楼栋 ${result.createdBuildings} 栋、房屋 ${result.createdUnits} 套;未导入 ${result.skippedRows} 行`}
          />
          <RefusedRows title="未导入的行" fileName={result.fileName} headers={result.headers} errors={result.errors} rows={result.refusedRows} />
        </Space>
      )}
    </Card>
  )
}
