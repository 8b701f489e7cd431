/**
 * How common a name is, for ranking the type-ahead: "zw" should show 张伟 before 周婉 and 赵文.
 * Ordered after the widely published lists of the commonest full names and surnames in mainland
 * China (approximate; only the order matters here).
 */
export const COMMON_NAMES = [
  '张伟', '王伟', '王芳', '李伟', '李娜', '张敏', '李静', '王静', '刘伟', '王秀英', '张丽', '李秀英', '王丽', '张静',
  '张秀英', '李强', '王敏', '李敏', '王磊', '刘洋', '王艳', '王勇', '李军', '张勇', '李杰', '张杰', '张磊', '王强',
  '李娟', '王军', '张艳', '张涛', '王涛', '李艳', '王超', '李明', '李勇', '王娟', '刘杰', '刘敏', '李霞', '李丽',
  '张军', '王杰', '张强', '王秀兰', '王刚', '王平', '刘芳', '张燕',
]

export const COMMON_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'

const NAME_RANK = new Map(COMMON_NAMES.map((n, i) => [n, i]))

/**
 * Orders people whose initials equal what was typed: the commonest full names first, then names
 * that occur most often at this site, then by how common the surname is, then by the name.
 */
export function rankByCommonness<T extends { name: string }>(people: T[]): T[] {
  const freq = new Map<string, number>()
  for (const p of people) freq.set(p.name, (freq.get(p.name) ?? 0) + 1)
  const surname = (n: string) => {
    const i = COMMON_SURNAMES.indexOf(n[0])
    return i < 0 ? COMMON_SURNAMES.length : i
  }
  return [...people].sort(
    (a, b) =>
      (NAME_RANK.get(a.name) ?? 999) - (NAME_RANK.get(b.name) ?? 999) ||
      freq.get(b.name)! - freq.get(a.name)! ||
      surname(a.name) - surname(b.name) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  )
}
