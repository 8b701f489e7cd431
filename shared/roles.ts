/** Roles at the desk (DOMAIN.md "Who uses it"); a person may hold several. */
export const ROLES = ['clerk', 'admin', 'supervisor', 'director', 'engineering', 'safety'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  clerk: '前台值班员',
  admin: '客服管理员',
  supervisor: '客服主管',
  director: '服务中心经理/主任',
  engineering: '工程主管',
  safety: '安全主管',
}

/** Roles allowed to see owners' ID numbers and phones whole (on a detail page only). */
export const SEES_PERSONAL_DATA: readonly Role[] = ['clerk', 'admin', 'supervisor', 'director']
export const MANAGES_STAFF: readonly Role[] = ['admin']
export const MANAGES_REGISTRY: readonly Role[] = ['admin', 'supervisor']
export const DESK_ROLES: readonly Role[] = ['clerk', 'admin', 'supervisor', 'director']
export const READS_AUDIT: readonly Role[] = ['admin', 'supervisor', 'director']
