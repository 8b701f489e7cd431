import { Descriptions, Tag, Typography } from 'antd'
import type { VisitorSlipBrief } from '../../../shared/visitor/schema'

/** What the gate's verify screen shows of a visitor slip: who, which unit, the day it is good for, in or out. */
export function VisitorSlipDetails({ v, codeChecked }: { v: VisitorSlipBrief; codeChecked: boolean }) {
  return (
    <>
      <Descriptions column={2} size="small" bordered data-testid="verify-visitor">
        <Descriptions.Item label="凭证">访客单</Descriptions.Item>
        <Descriptions.Item label="编号">{v.serial}</Descriptions.Item>
        <Descriptions.Item label="访客">
          {v.visitorName}
          {v.people > 1 ? `(共${v.people}人)` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="来访房屋">{v.unitLabel}</Descriptions.Item>
        <Descriptions.Item label="有效日期">仅限 {v.validDay} 当天</Descriptions.Item>
        <Descriptions.Item label="车牌">{v.carPlate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="签到">{v.signedInAt}</Descriptions.Item>
        <Descriptions.Item label="签离">{v.signedOutAt ? <Tag color="red">已于 {v.signedOutAt.slice(11)} 签离</Tag> : <Tag color="green">在访,未签离</Tag>}</Descriptions.Item>
      </Descriptions>
      {!codeChecked && <Typography.Text type="secondary">手工输入编号:未核对防伪校验码,请查看纸面二维码。</Typography.Text>}
    </>
  )
}
