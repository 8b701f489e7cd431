import { DownloadOutlined, UploadOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Space, Table, Typography, Upload } from 'antd'
import { useState } from 'react'
import { IMPORT_COLUMNS, type ImportPreview, type ImportResult } from '../../../shared/registry/importSchema'
import TEMPLATE from '../../../resources/住户导入模板.csv?raw'
import { useDeskMutation } from '../api/hooks'

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf)
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}


/**
 * Import units and residents from a CSV or Excel file: check first (row-by-row errors), then
 * import everything, or — only when the user chooses — just the valid rows.
 */
export function ImportPage() {
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [result, setResult] = useState<ImportResult | null>(null)
  const check = useDeskMutation('import.preview', { onSuccess: setPreview })
  const commit = useDeskMutation('import.commit', { success: '导入完成', onSuccess: (r) => (setResult(r), setPreview(null), setFile(null)) })

  const downloadTemplate = () => {
    const a = document.createElement('a')
    a.href = URL.createObjectURL(new Blob([TEMPLATE], { type: 'text/csv;charset=utf-8' }))
    a.download = '住户导入模板.csv'
    a.click()
  }

  return (
    <Card title="导入房屋与住户" extra={<Button icon={<DownloadOutlined />} onClick={downloadTemplate}>下载模板</Button>}>
      <Typography.Paragraph type="secondary">
        支持 .csv(UTF-8 或 GBK)与 .xlsx。第一行为表头:{IMPORT_COLUMNS.join('、')}。类型填 业主/租户/家属;房屋不存在时自动创建。
      </Typography.Paragraph>
      <Upload
        accept=".csv,.xlsx"
        maxCount={1}
        showUploadList={false}
        beforeUpload={async (f) => {
          const next = { fileName: f.name, contentBase64: toBase64(await f.arrayBuffer()) }
          setFile(next)
          setResult(null)
          setPreview(null)
          check.mutate(next)
          return false
        }}
      >
        <Button icon={<UploadOutlined />} loading={check.isPending} data-testid="import-choose">
          选择文件并检查
        </Button>
      </Upload>
      {file && <Typography.Text style={{ marginLeft: 12 }}>{file.fileName}</Typography.Text>}

      {preview && file && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 16 }} data-testid="import-preview">
          <Descriptions size="small" bordered column={4}>
            <Descriptions.Item label="数据行">{preview.totalRows}</Descriptions.Item>
            <Descriptions.Item label="正确">{preview.validRows}</Descriptions.Item>
            <Descriptions.Item label="有错误">{new Set(preview.errors.map((e) => e.row)).size}</Descriptions.Item>
            <Descriptions.Item label="将新建房屋">{preview.newUnits}</Descriptions.Item>
          </Descriptions>
          {preview.errors.length > 0 && (
            <>
              <Alert type="error" showIcon message={`文件中有错误行:按"全部导入"不会写入任何数据;可修正文件后重新检查,或只导入正确的 ${preview.validRows} 行。`} />
              <Table
                size="small"
                rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
                dataSource={preview.errors}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                data-testid="import-errors"
                columns={[
                  { title: '行号', dataIndex: 'row', width: 80 },
                  { title: '字段', dataIndex: 'field', width: 120 },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            </>
          )}
          <Space>
            <Button type="primary" disabled={preview.errors.length > 0} loading={commit.isPending} onClick={() => commit.mutate({ ...file, mode: 'all' })}>
              全部导入
            </Button>
            {preview.errors.length > 0 && preview.validRows > 0 && (
              <Button danger loading={commit.isPending} onClick={() => commit.mutate({ ...file, mode: 'validOnly' })} data-testid="import-valid-only">
                仅导入正确的 {preview.validRows} 行
              </Button>
            )}
          </Space>
        </Space>
      )}
      {result && (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          data-testid="import-result"
          message={`已导入住户 ${result.importedResidents} 人,新建楼栋 ${result.createdBuildings} 栋、房屋 ${result.createdUnits} 套,跳过 ${result.skippedRows} 行`}
        />
      )}
    </Card>
  )
}
