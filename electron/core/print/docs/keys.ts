import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { overdueText } from '../../../../shared/keys/rules'
import type { KeyLoanRow, KeyRow } from '../../../../shared/keys/schema'
import { localDateTime } from '../../../../shared/time/zone'
import { A4_LANDSCAPE, A4_PORTRAIT, docHeader, footerWithPageNumbers, pageSettings, signatureRow } from '../layout'
import { registerTable } from './table'

type PrintSite = { name: string; office: string; timeZone: string; phone?: string }

const status = (k: KeyRow) =>
  k.overLent ? '借出冲突(待主管处理)' : k.out === 0 ? (k.lost >= k.copies ? '已全部报失' : '在库') : k.available > 0 ? `借出${k.out}把,在库${k.available}把` : '借出中'

/**
 * 公共钥匙登记表 (A4 portrait): every key of the register with its hook and state as of the printing
 * time — the paper fallback when the PC is down, hence the "有效时间" line.
 */
export function keyRegisterDoc(site: PrintSite, keys: KeyRow[], printedAt: Date, out: KeyLoanRow[] = []): TDocumentDefinitions {
  const at = localDateTime(printedAt, site.timeZone)
  // Who has each key out and until when: the paper must say where a key is while the PC is down.
  const holders = (k: KeyRow) =>
    out
      .filter((l) => l.keyId === k.id)
      .map((l) => `${l.borrowerName} 至${localDateTime(l.dueAt, site.timeZone).slice(5)}${l.overdueMinutes > 0 ? '(逾期)' : ''}`)
      .join('\n')
  return {
    ...pageSettings(A4_PORTRAIT),
    info: { title: `公共钥匙登记表 ${at}` },
    footer: footerWithPageNumbers(at, '电脑故障时按此表手工登记借还'),
    defaultStyle: { fontSize: 9 },
    content: [
      docHeader({ siteName: site.name, office: site.office, phone: site.phone, title: '公共钥匙登记表', subtitle: `共 ${keys.length} 把钥匙登记` }),
      { text: `有效时间 ${at}`, bold: true, fontSize: 11, margin: [0, 0, 0, 2] },
      { text: '此表为该时刻的钥匙状态;之后的借还以钥匙借用登记表(纸质手工登记)为准。', fontSize: 8.5, color: '#555555', margin: [0, 0, 0, 4] },
      keys.length
        ? registerTable(
            ['牌号', '钥匙名称', '开启部位', '区域/楼栋', '挂钩', '数量', '可带离', '状态', '借用人/预计归还'],
            [30, '*', 48, 48, 34, 28, 30, 56, 112],
            keys.map((k) => [k.tagNo, k.name, k.opens, k.area ?? '', k.hook ?? '', `${k.copies - k.lost}${k.lost ? `(失${k.lost})` : ''}`, k.mayLeaveSite ? '可' : '不可', status(k), holders(k)]),
            9,
          )
        : { text: '登记册中没有钥匙', margin: [0, 8, 0, 8] },
      signatureRow(['打印人', '核对人(值班员)']),
    ],
  }
}

/** 钥匙借用登记表 for a day or a range (A4 landscape): one row per loan with its return or loss, and signature columns left blank for paper. */
export function keyBookDoc(site: PrintSite, from: string, to: string, loans: KeyLoanRow[], printedAt: Date): TDocumentDefinitions {
  const tz = site.timeZone
  const t = (at: string | null) => (at ? localDateTime(at, tz).slice(5) : '')
  const range = from === to ? from : `${from} 至 ${to}`
  return {
    ...pageSettings(A4_LANDSCAPE),
    info: { title: `钥匙借用登记表 ${range}` },
    footer: footerWithPageNumbers(localDateTime(printedAt, tz), '证件号码、电话已隐去部分数字'),
    defaultStyle: { fontSize: 9 },
    content: [
      docHeader({ siteName: site.name, office: site.office, phone: site.phone, title: '钥匙借用登记表', subtitle: `${range} · 共 ${loans.length} 次借用` }),
      loans.length
        ? registerTable(
            ['牌号', '钥匙', '借用人', '单位/电话/证件', '事由', '借出时间', '预计归还', '经办', '归还时间', '归还人', '状况/备注', '借用人签名'],
            [30, 56, 44, 92, '*', 52, 52, 36, 52, 40, 70, 50],
            loans.map((l) => [
              l.tagNo,
              l.keyName,
              l.borrowerName,
              l.borrowerKind === 'staff' ? '本项目员工' : [l.company, l.phone, l.idNumber].filter(Boolean).join('\n'),
              l.purpose,
              t(l.lentAt),
              t(l.dueAt),
              l.lentByName,
              l.lostAt ? { text: `${t(l.lostAt)} 报失`, color: '#b00000' } : l.lateMinutes > 0 ? { text: `${t(l.returnedAt)}\n逾期${overdueText(l.lateMinutes)}`, color: '#b00000' } : t(l.returnedAt),
              l.returnedBy ?? '',
              l.lostAt ? { text: l.lostReason ?? '', color: '#b00000' } : l.overdueMinutes > 0 ? { text: `未还,逾期${overdueText(l.overdueMinutes)}`, color: '#b00000' } : (l.condition ?? ''),
              '',
            ]),
          )
        : { text: '该期间没有钥匙借用', margin: [0, 8, 0, 8] },
      signatureRow(['值班员', '客服主管审阅']),
    ],
  }
}
