import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import { maskIdNumber, maskPhone } from '../../../shared/mask'
import { localDate } from '../../../shared/time/zone'
import type { AgentRow, AgentScope, agentCreateInput } from '../../../shared/registry/schema'
import { AGENT_SCOPE_LABELS } from '../../../shared/registry/schema'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Reader } from '../db/connection'
import { agents, residents } from '../db/schema'
import { notFound, rule } from '../errors'
import { newId } from '../ids'
import { getSiteRow } from '../site/service'
import { canSeePersonalData } from './residents'

interface AgentDbRow {
  id: string
  unitId: string
  ownerId: string
  ownerName: string
  name: string
  phone: string
  idNumber: string
  scopes: string
  validUntil: string | null
  note: string | null
  revokedAt: string | null
}

export async function listAgentsOfUnit(r: Reader, unitId: string, whole: boolean): Promise<AgentRow[]> {
  const rows = await r.all<AgentDbRow>(
    `SELECT a.id, a.unit_id AS unitId, a.owner_id AS ownerId, o.name AS ownerName, a.name, a.phone, a.id_number AS idNumber,
            a.scopes, a.valid_until AS validUntil, a.note, a.revoked_at AS revokedAt
       FROM agents a JOIN residents o ON o.id = a.owner_id
      WHERE a.unit_id = ? AND a.deleted_at IS NULL ORDER BY a.created_at`,
    [unitId],
  )
  return rows.map((a) => ({
    ...a,
    phone: whole ? a.phone : maskPhone(a.phone),
    idNumber: whole ? a.idNumber : maskIdNumber(a.idNumber),
    scopes: JSON.parse(a.scopes) as AgentScope[],
  }))
}

/** An owner's written authorisation of another person; only an owner of that unit can authorise. */
export async function createAgent(ctx: Ctx, input: z.output<typeof agentCreateInput>): Promise<AgentRow> {
  const id = newId()
  await ctx.db.tx(async (w) => {
    const owner = await w.orm.select().from(residents).where(eq(residents.id, input.ownerId)).get()
    if (!owner || owner.deletedAt) throw notFound('业主')
    if (owner.kind !== 'owner' || owner.unitId !== input.unitId) throw rule('授权人必须是该房屋的业主', 'ownerId')
    // Today at the site, as the permit desk reads the authorisation (not the UTC date: 00:00–08:00 in China is yesterday in UTC).
    const site = await getSiteRow(w)
    if (input.validUntil && site && input.validUntil < localDate(ctx.now(), site.timeZone)) throw rule('授权有效期不能早于今天', 'validUntil')
    await w.orm.insert(agents).values({
      ...newRowMeta(ctx, id),
      unitId: input.unitId,
      ownerId: input.ownerId,
      name: input.name,
      phone: input.phone,
      idNumber: input.idNumber,
      scopes: JSON.stringify(input.scopes),
      validUntil: input.validUntil ?? null,
      note: input.note ?? null,
      revokedAt: null,
    })
    await audit(w, ctx, {
      action: 'agent.create',
      entity: 'agent',
      entityId: id,
      summary: `业主 ${owner.name} 授权 ${input.name}:${input.scopes.map((s) => AGENT_SCOPE_LABELS[s]).join('、')}`,
      changes: { name: input.name, idNumber: maskIdNumber(input.idNumber), scopes: input.scopes, validUntil: input.validUntil ?? null },
    })
  })
  const list = await listAgentsOfUnit(ctx.db.read, input.unitId, canSeePersonalData(ctx))
  return list.find((a) => a.id === id)!
}

export async function revokeAgent(ctx: Ctx, id: string, reason?: string) {
  await ctx.db.tx(async (w) => {
    const a = await w.orm.select().from(agents).where(eq(agents.id, id)).get()
    if (!a || a.deletedAt) throw notFound('授权')
    if (a.revokedAt) throw rule('该授权已撤销')
    const at = ctx.now().toISOString()
    await w.orm.update(agents).set({ revokedAt: at, updatedAt: at, terminalId: ctx.terminalId }).where(eq(agents.id, id))
    await audit(w, ctx, { action: 'agent.revoke', entity: 'agent', entityId: id, summary: `撤销 ${a.name} 的授权${reason ? `:${reason}` : ''}` })
  })
  return null
}
