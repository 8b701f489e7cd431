import type { LogSourceKind } from '../../../shared/duty/kinds'

/**
 * Where a reception record lives: a duty-log entry that stands for one (sourceKind/sourceId) links
 * back to it. One place for the map, so a new area adds one line. Areas marked `opensRecord: false`
 * have no per-record screen yet: the link lands on their page (the record is in its list).
 */
export const SOURCE_ROUTES: Record<LogSourceKind, { area: string; opensRecord: boolean }> = {
  repair: { area: 'repairs', opensRecord: true },
  complaint: { area: 'complaints', opensRecord: true },
  moveIn: { area: 'moveIn', opensRecord: true },
  visitor: { area: 'visitors', opensRecord: false },
  parcel: { area: 'parcels', opensRecord: false },
  homeService: { area: 'homeService', opensRecord: false },
  specialEvent: { area: 'specialEvent', opensRecord: false },
}

/** The hash route of the record a log entry stands for. */
export function sourcePath(kind: LogSourceKind, id: string): string {
  const r = SOURCE_ROUTES[kind]
  return r.opensRecord ? `/${r.area}/${encodeURIComponent(id)}` : `/${r.area}`
}
