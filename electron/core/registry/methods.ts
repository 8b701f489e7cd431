import { registryApi } from '../../../shared/registry/api'
import { fillDemo } from '../demo/demoData'
import { implement } from '../methods'
import { createAgent, listAgentsOfUnit, revokeAgent } from './agents'
import { unitHoldings } from './holdings'
import { commitImport, previewImport } from './importFile'
import { createResident, getResident, listResidentsOfUnit, removeResident, updateResident } from './residents'
import { search } from './search'
import { createBuilding, createUnit, getUnitRow, listBuildings, listUnits } from './units'

export const registryMethods = implement(registryApi, {
  'building.list': (_i, ctx) => listBuildings(ctx.db.read),
  'building.create': (i, ctx) => createBuilding(ctx, i),
  'unit.list': (i, ctx) => listUnits(ctx.db.read, i.buildingId, i.page, i.pageSize),
  'unit.create': (i, ctx) => createUnit(ctx, i),
  'unit.get': async (i, ctx) => ({
    unit: await getUnitRow(ctx.db.read, i.id),
    residents: await listResidentsOfUnit(ctx.db.read, i.id),
    agents: await listAgentsOfUnit(ctx.db.read, i.id, false),
  }),
  'unit.holdings': (i, ctx) => unitHoldings(ctx.db.read, ctx.now(), i.id),
  'resident.get': (i, ctx) => getResident(ctx, i.id),
  'resident.create': (i, ctx) => createResident(ctx, i),
  'resident.update': (i, ctx) => updateResident(ctx, i),
  'resident.remove': (i, ctx) => removeResident(ctx, i.id, i.reason),
  'agent.create': (i, ctx) => createAgent(ctx, i),
  'agent.revoke': (i, ctx) => revokeAgent(ctx, i.id, i.reason),
  'search.query': (i, ctx) => search(ctx.db.read, i.q, i.limit),
  'import.preview': (i, ctx) => previewImport(ctx, i),
  'import.commit': (i, ctx) => commitImport(ctx, i, i.mode),
  'demo.fill': (_i, ctx) => fillDemo(ctx),
})
