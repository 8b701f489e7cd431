import type { Role } from '../roles'
import { kindDef, type PermitKind } from './kinds'

/**
 * Who may open a permit's files. Copies of ID cards and certificates (焊工证、身份证复印件、业主同意书 …)
 * are personal data: only the roles that review that kind of application open them (the kind's review
 * steps; a kind without review steps — the worker pass — is overseen by the 客服主管 and 客服管理员).
 * A worker's one-inch photo is printed on the pass, so the desk that prints it may see it too.
 */
export const OVERSEES_UNREVIEWED: readonly Role[] = ['supervisor', 'admin']
export const PERMIT_FILE_READERS: readonly Role[] = ['clerk', 'admin', 'supervisor', 'director', 'engineering', 'safety']

export function fileReaderRoles(kind: PermitKind, fileKind: 'photo' | 'attachment'): Role[] {
  const steps = kindDef(kind).steps.map((s) => s.role)
  const reviewers = steps.length ? steps : [...OVERSEES_UNREVIEWED]
  const roles = fileKind === 'photo' ? [...reviewers, 'clerk' as Role, ...OVERSEES_UNREVIEWED] : reviewers
  return [...new Set(roles)]
}

export function mayReadFile(kind: PermitKind, fileKind: 'photo' | 'attachment', roles: readonly Role[]): boolean {
  const allowed = fileReaderRoles(kind, fileKind)
  return roles.some((r) => allowed.includes(r))
}
