import { z } from 'zod'
import { method } from '../api/contract'
import { DESK_ROLES, MANAGES_REGISTRY } from '../roles'
import { entityId, optionalText } from '../validate/fields'
import { importCommitInput, importFileInput, type ImportPreview, type ImportResult } from './importSchema'
import type { UnitHoldings } from './holdings'

/** The HTTP door reads an import request up to the file's own limit (40,000,000 base64 characters) plus its name. */
const IMPORT_MAX_BODY = 40_000_000 + 4096
import {
  agentCreateInput,
  buildingCreateInput,
  residentCreateInput,
  residentUpdateInput,
  searchInput,
  unitCreateInput,
  unitListInput,
  type AgentRow,
  type BuildingRow,
  type ResidentRow,
  type SearchHit,
  type UnitDetail,
  type UnitRow,
} from './schema'

const byId = (label: string) => z.object({ id: entityId(label) })

export const registryApi = {
  'building.list': method<BuildingRow[]>()(z.object({}).optional(), 'session'),
  'building.create': method<BuildingRow>()(buildingCreateInput, MANAGES_REGISTRY),
  'unit.list': method<{ rows: UnitRow[]; total: number }>()(unitListInput, 'session'),
  'unit.create': method<UnitRow>()(unitCreateInput, MANAGES_REGISTRY),
  'unit.get': method<UnitDetail>()(byId('房屋'), 'session'),
  /** Cards, live permits and passes out for the unit page; holders' names, so desk roles only (as card.list). */
  'unit.holdings': method<UnitHoldings>()(byId('房屋'), DESK_ROLES),
  'resident.get': method<ResidentRow>()(byId('住户'), 'session'),
  'resident.create': method<ResidentRow>()(residentCreateInput, DESK_ROLES),
  'resident.update': method<ResidentRow>()(residentUpdateInput, DESK_ROLES),
  'resident.remove': method<null>()(
    z.object({ id: entityId('住户'), reason: optionalText('原因', 200) }),
    MANAGES_REGISTRY,
  ),
  'agent.create': method<AgentRow>()(agentCreateInput, DESK_ROLES),
  'agent.revoke': method<null>()(z.object({ id: entityId('授权'), reason: optionalText('原因', 200) }), DESK_ROLES),
  'search.query': method<SearchHit[]>()(searchInput, 'session'),
  'import.preview': method<ImportPreview>()(importFileInput, MANAGES_REGISTRY, { maxBody: IMPORT_MAX_BODY }),
  'import.commit': method<ImportResult>()(importCommitInput, MANAGES_REGISTRY, { maxBody: IMPORT_MAX_BODY }),
  'demo.fill': method<{ buildings: number; units: number; residents: number; staff: number }>()(
    z.object({}).optional(),
    ['admin'],
  ),
}
