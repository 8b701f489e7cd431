import { sql } from 'drizzle-orm'
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * Columns every synced table carries (ARCHITECTURE.md "Data"): text ids (UUIDv7), UTC ISO
 * timestamps, the terminal that last wrote the row, and soft delete instead of DELETE.
 */
const synced = {
  id: text('id').primaryKey(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  terminalId: text('terminal_id').notNull(),
  deletedAt: text('deleted_at'),
}

export const site = sqliteTable('site', {
  ...synced,
  name: text('name').notNull(),
  office: text('office').notNull(),
  timeZone: text('time_zone').notNull(),
  /** JSON: shift patterns and other site settings that sync between terminals. */
  settings: text('settings').notNull(),
  /** Per-site secret for check codes on printed documents; never sent to the renderer. */
  secret: text('secret').notNull(),
})

export const staff = sqliteTable(
  'staff',
  {
    ...synced,
    staffNo: text('staff_no').notNull(),
    name: text('name').notNull(),
    /** JSON array of role codes. */
    roles: text('roles').notNull(),
    phone: text('phone'),
    /** scrypt$N$r$p$salt$hash (base64). */
    pinHash: text('pin_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: text('locked_until'),
  },
  (t) => [uniqueIndex('staff_no_uq').on(t.staffNo)],
)

export const buildings = sqliteTable(
  'buildings',
  {
    ...synced,
    code: text('code').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('buildings_code_uq').on(t.code).where(sql`deleted_at IS NULL`)],
)

export const units = sqliteTable(
  'units',
  {
    ...synced,
    buildingId: text('building_id')
      .notNull()
      .references(() => buildings.id),
    entrance: text('entrance').notNull(),
    room: text('room').notNull(),
    areaM2: real('area_m2'),
    /** "3-2-1502" — what the type-ahead matches a typed room against. */
    roomKey: text('room_key').notNull(),
  },
  (t) => [
    uniqueIndex('units_room_uq').on(t.buildingId, t.entrance, t.room).where(sql`deleted_at IS NULL`),
    index('units_room_key').on(t.roomKey),
    index('units_room').on(t.room),
  ],
)

export const residents = sqliteTable(
  'residents',
  {
    ...synced,
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    phone: text('phone').notNull(),
    idNumber: text('id_number'),
    moveInDate: text('move_in_date'),
    note: text('note'),
    /** Pinyin initials (张伟 → zw) and the last 4 phone digits, for the type-ahead's indexed prefix search. */
    initials: text('initials').notNull(),
    phoneTail: text('phone_tail').notNull(),
  },
  (t) => [
    index('residents_unit').on(t.unitId),
    index('residents_name').on(t.name),
    index('residents_initials').on(t.initials),
    index('residents_phone_tail').on(t.phoneTail),
  ],
)

/** People an owner authorised in writing (keys, release slips, renovation matters). */
export const agents = sqliteTable(
  'agents',
  {
    ...synced,
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    ownerId: text('owner_id')
      .notNull()
      .references(() => residents.id),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    idNumber: text('id_number').notNull(),
    /** JSON array of scopes. */
    scopes: text('scopes').notNull(),
    validUntil: text('valid_until'),
    note: text('note'),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('agents_unit').on(t.unitId)],
)

/**
 * Append-only, hash-chained record of every write (who, when, terminal, what changed).
 * UPDATE and DELETE are refused by triggers (migration 0001); the chain reveals edits made
 * with the triggers dropped.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull(),
    at: text('at').notNull(),
    staffId: text('staff_id'),
    terminalId: text('terminal_id').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    summary: text('summary').notNull(),
    /** JSON of what changed: {field: [before, after]} or the new record. */
    changes: text('changes').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId)],
)
