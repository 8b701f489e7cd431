import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core'

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
  /**
   * LAN sync: the terminal beside which the desk's items (备用金, keys, cards …) sit. Only there does a
   * clerk take custody or hand it over, so two terminals cut off from each other never both give it
   * out. NULL: the first terminal of the site (the one without a series letter).
   */
  custodyTerminalId: text('custody_terminal_id'),
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
    /** No longer used: the lock-out lives in pin_attempts (per staff number and terminal, sync-safe). */
    failedAttempts: integer('failed_attempts').notNull().default(0),
    /** No longer used: see pin_attempts. */
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
    /**
     * "3-2-1502": the unit's one normalised key (shared/registry/normalize.ts roomKey: "0301" is
     * "301", "3栋" is "3"), unique among live units; the type-ahead matches typed rooms against it.
     */
    roomKey: text('room_key').notNull(),
    /** The normalised room reversed ("1502" → "2051"): a room tail is an indexed prefix. */
    roomRev: text('room_rev').notNull().default(''),
  },
  (t) => [
    uniqueIndex('units_room_uq').on(t.buildingId, t.entrance, t.room).where(sql`deleted_at IS NULL`),
    uniqueIndex('units_room_key_uq').on(t.roomKey).where(sql`deleted_at IS NULL`),
    index('units_room_rev').on(t.roomRev, t.roomKey, t.id).where(sql`deleted_at IS NULL`),
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
    index('residents_phone').on(t.phone),
    index('residents_id_number').on(t.idNumber),
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
 * with the triggers dropped. From migration 0010 each terminal keeps its own chain sealed with
 * HMAC under the site's secret (`seal` 'hmac1', `chain_seq` 1, 2, 3 …); older rows keep 'sha256'.
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
    seal: text('seal').notNull().default('sha256'),
    /** Position in this terminal's keyed chain; null for rows sealed before the keyed chains. */
    chainSeq: integer('chain_seq'),
  },
  (t) => [
    index('audit_entity').on(t.entity, t.entityId),
    uniqueIndex('audit_chain').on(t.terminalId, t.chainSeq).where(sql`chain_seq IS NOT NULL`),
    index('audit_legacy').on(t.seq).where(sql`seal = 'sha256'`),
  ],
)

/** The site's terminals by name (a site setting, so it syncs): 审计日志 shows the name, else the id. */
export const terminals = sqliteTable('terminals', {
  ...synced,
  name: text('name').notNull(),
  /** LAN sync (issue H): the terminal's self-signed certificate (PEM) and its SHA-256 fingerprint, pinned by every peer. */
  certPem: text('cert_pem'),
  certFp: text('cert_fp'),
  /** The letter in the serials this terminal issues (DH-2026-B0001); '' = the first terminal, which keeps the series already printed. */
  seriesMark: text('series_mark').notNull().default(''),
  /** Removed from the site: its certificate is refused by every peer from then on. */
  revokedAt: text('revoked_at'),
  /** Where the terminal said it listens for sync (its LAN addresses with the port, comma-separated). */
  syncAddress: text('sync_address'),
})

// ─── Duty: roster, leave, duty shifts, log, reviews, quality checks, handover (issue B) ───────────

/** 排班表 of one month: drafted by the administrator, then published (then changed only by approved leave). */
export const rosters = sqliteTable(
  'rosters',
  {
    ...synced,
    /** 'YYYY-MM'. */
    month: text('month').notNull(),
    /** draft | published */
    status: text('status').notNull(),
    publishedAt: text('published_at'),
    publishedBy: text('published_by').references(() => staff.id),
  },
  (t) => [uniqueIndex('rosters_month_uq').on(t.month).where(sql`deleted_at IS NULL`)],
)

/**
 * One cell of the grid: a person on a shift pattern on a local date. An approved leave/swap
 * soft-deletes the planned cell (removed_by_leave_id) and adds the substitute's (leave_id,
 * planned_staff_id), so the plan and every change stay visible.
 */
export const rosterSlots = sqliteTable(
  'roster_slots',
  {
    ...synced,
    rosterId: text('roster_id')
      .notNull()
      .references(() => rosters.id),
    date: text('date').notNull(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    shiftCode: text('shift_code').notNull(),
    plannedStaffId: text('planned_staff_id').references(() => staff.id),
    leaveId: text('leave_id'),
    removedByLeaveId: text('removed_by_leave_id'),
  },
  (t) => [
    uniqueIndex('roster_slots_cell_uq').on(t.rosterId, t.date, t.staffId).where(sql`deleted_at IS NULL`),
    index('roster_slots_date').on(t.date, t.staffId),
  ],
)

/** 请假/调休/替班/换班: asked by the clerk, decided by the supervisor (who picks the substitute). */
export const leaveRequests = sqliteTable(
  'leave_requests',
  {
    ...synced,
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    /** leave | timeOff | cover | swap */
    kind: text('kind').notNull(),
    date: text('date').notNull(),
    shiftCode: text('shift_code').notNull(),
    slotId: text('slot_id')
      .notNull()
      .references(() => rosterSlots.id),
    reason: text('reason').notNull(),
    /** pending | approved | refused | cancelled */
    status: text('status').notNull(),
    decidedBy: text('decided_by').references(() => staff.id),
    decidedAt: text('decided_at'),
    decisionNote: text('decision_note'),
    substituteId: text('substitute_id').references(() => staff.id),
    swapSlotId: text('swap_slot_id').references(() => rosterSlots.id),
    swapDate: text('swap_date'),
    swapShiftCode: text('swap_shift_code'),
  },
  (t) => [index('leave_requests_date').on(t.date), index('leave_requests_staff').on(t.staffId, t.status)],
)

/**
 * One clerk's duty at the desk (值班): opened by duty.start or by a signed handover, closed only by
 * that clerk's signed handover. Several clerks are on duty at once (one open shift per person);
 * one open shift holds custody of the desk's items. Closed rows are immutable (trigger).
 */
export const dutyShifts = sqliteTable(
  'duty_shifts',
  {
    ...synced,
    /** Local date the shift starts (a 22:00–08:00 night belongs to its first day). */
    date: text('date').notNull(),
    shiftCode: text('shift_code').notNull(),
    shiftName: text('shift_name').notNull(),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    /** open | closed */
    status: text('status').notNull(),
    openedAt: text('opened_at').notNull(),
    rostered: integer('rostered', { mode: 'boolean' }).notNull(),
    overrideBy: text('override_by').references(() => staff.id),
    overrideReason: text('override_reason'),
    openedByHandoverId: text('opened_by_handover_id'),
    closedAt: text('closed_at'),
    closedByHandoverId: text('closed_by_handover_id'),
    /** Holds (or, closed, held at its end) custody of the desk's items. */
    custody: integer('custody', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    // Not unique either: a clerk who walks to another PC while the network is down may open a second
    // shift there; when the terminals meet both shifts (and what was logged under each) are kept, and
    // she hands each over. One open shift per person is the rule at start (startRefusal, in the write transaction).
    index('duty_shifts_open_staff').on(t.staffId).where(sql`status = 'open' AND deleted_at IS NULL`),
    // No unique index on the custodian: two terminals cut off from each other may each let a clerk take
    // custody, and a unique index would refuse the other's shift when they meet (a record lost to sync).
    // One custodian is the rule at start (custodyOnStart, in the write transaction); a clash after a
    // heal is shown on every desk (custodyClash) until a handover ends it.
    index('duty_shifts_date').on(t.date),
  ],
)

/**
 * 《客户服务中心值班记录表》 entries. Locked when their shift is handed over (trigger refuses any
 * UPDATE of a locked row and every DELETE); a correction is a new row pointing at the old one.
 * The current state of a pending item is derived from its follow-ups (append-only).
 */
export const logEntries = sqliteTable(
  'log_entries',
  {
    ...synced,
    shiftId: text('shift_id')
      .notNull()
      .references(() => dutyShifts.id),
    at: text('at').notNull(),
    kind: text('kind').notNull(),
    unitId: text('unit_id').references(() => units.id),
    person: text('person'),
    content: text('content').notNull(),
    action: text('action'),
    passedTo: text('passed_to'),
    /** As recorded: done | pending | escalated */
    status: text('status').notNull(),
    /** admin | supervisor, when recorded as escalated */
    escalateTo: text('escalate_to'),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => staff.id),
    correctsId: text('corrects_id').references((): AnySQLiteColumn => logEntries.id),
    correctionReason: text('correction_reason'),
    handoverId: text('handover_id'),
    lockedAt: text('locked_at'),
    /** A reception record (repair order, complaint …) this entry stands for in the log: kind + its id. */
    sourceKind: text('source_kind'),
    sourceId: text('source_id'),
  },
  (t) => [
    index('log_entries_shift').on(t.shiftId, t.at),
    index('log_entries_source').on(t.sourceKind, t.sourceId),
    index('log_entries_at').on(t.at),
    index('log_entries_status').on(t.status),
    index('log_entries_unit').on(t.unitId),
    index('log_entries_recorded_by').on(t.recordedBy),
    index('log_entries_corrects').on(t.correctsId),
  ],
)

/** Follow-ups of an entry (跟进/上报/处理/关闭): who, when, what — appended, never overwritten. */
export const logFollowUps = sqliteTable(
  'log_follow_ups',
  {
    ...synced,
    entryId: text('entry_id')
      .notNull()
      .references(() => logEntries.id),
    at: text('at').notNull(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    /** note | escalate | resolve | close */
    kind: text('kind').notNull(),
    toRole: text('to_role'),
    note: text('note').notNull(),
    shiftId: text('shift_id').references(() => dutyShifts.id),
  },
  (t) => [index('log_follow_ups_entry').on(t.entryId, t.kind)],
)

/** The supervisor's daily review of the log (每日查阅): one per local date, append-only. */
export const dayReviews = sqliteTable(
  'day_reviews',
  {
    ...synced,
    date: text('date').notNull(),
    reviewedBy: text('reviewed_by')
      .notNull()
      .references(() => staff.id),
    reviewedAt: text('reviewed_at').notNull(),
    remark: text('remark'),
    entryCount: integer('entry_count').notNull(),
  },
  (t) => [uniqueIndex('day_reviews_date_uq').on(t.date)],
)

/** 质量检查记录: spot checks of the desk, append-only. */
export const qualityChecks = sqliteTable(
  'quality_checks',
  {
    ...synced,
    at: text('at').notNull(),
    checkedBy: text('checked_by')
      .notNull()
      .references(() => staff.id),
    clerkId: text('clerk_id')
      .notNull()
      .references(() => staff.id),
    shiftId: text('shift_id').references(() => dutyShifts.id),
    /** JSON [{item, ok, finding?}] */
    items: text('items').notNull(),
    failedCount: integer('failed_count').notNull(),
    findings: text('findings'),
    improvement: text('improvement'),
  },
  (t) => [index('quality_checks_at').on(t.at), index('quality_checks_clerk').on(t.clerkId)],
)

/**
 * 交接班记录. A draft collects each step as it happens; signing (one transaction) closes the
 * outgoing shift, opens the incoming one, and seals the record into a hash chain (seq, prev_hash,
 * hash; digests names the parts). Signed rows are immutable (trigger); never deleted.
 */
export const handovers = sqliteTable(
  'handovers',
  {
    ...synced,
    outgoingShiftId: text('outgoing_shift_id')
      .notNull()
      .references(() => dutyShifts.id),
    outgoingStaffId: text('outgoing_staff_id')
      .notNull()
      .references(() => staff.id),
    /** draft | closed (dayClose signed by the closer, waiting for the morning) | signed */
    status: text('status').notNull(),
    /** shift: to a clerk on duty or arriving; dayClose: the last clerk closes the desk. */
    kind: text('kind').notNull().default('shift'),
    /** The outgoing clerk held custody of the desk's items (counts and checklist are part of it). */
    withCustody: integer('with_custody', { mode: 'boolean' }).notNull().default(true),
    /** dayClose: when the closer signed. */
    closedAt: text('closed_at'),
    startedAt: text('started_at').notNull(),
    incomingStaffId: text('incoming_staff_id').references(() => staff.id),
    incomingAt: text('incoming_at'),
    incomingDate: text('incoming_date'),
    incomingShiftCode: text('incoming_shift_code'),
    incomingShiftName: text('incoming_shift_name'),
    incomingStartsAt: text('incoming_starts_at'),
    incomingEndsAt: text('incoming_ends_at'),
    rostered: integer('rostered', { mode: 'boolean' }),
    overrideBy: text('override_by').references(() => staff.id),
    overrideReason: text('override_reason'),
    /** JSON snapshot of the site's checklist when the handover started. */
    checklist: text('checklist').notNull(),
    /** JSON snapshot of the custody items with their expected figures. */
    custody: text('custody').notNull(),
    signedAt: text('signed_at'),
    newShiftId: text('new_shift_id'),
    /** JSON: the shift's log summary at signing. */
    summary: text('summary'),
    /**
     * The chain the seal belongs to: the id of the terminal that signed it (LAN sync: each terminal
     * appends to its own chain, so two terminals signing at once never fork one sequence). '' = the
     * chain signed before there were several terminals.
     */
    chain: text('chain').notNull().default(''),
    seq: integer('seq'),
    prevHash: text('prev_hash'),
    /** JSON {part: sha256} of the sealed parts. */
    digests: text('digests'),
    hash: text('hash'),
  },
  (t) => [
    uniqueIndex('handovers_outgoing_uq').on(t.outgoingShiftId).where(sql`deleted_at IS NULL`),
    uniqueIndex('handovers_chain_seq_uq').on(t.chain, t.seq),
    index('handovers_signed_at').on(t.signedAt),
  ],
)

/** The incoming clerk's acknowledgement of one open pending item. Append-only. */
export const handoverAcks = sqliteTable(
  'handover_acks',
  {
    ...synced,
    handoverId: text('handover_id')
      .notNull()
      .references(() => handovers.id),
    entryId: text('entry_id')
      .notNull()
      .references(() => logEntries.id),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    at: text('at').notNull(),
    note: text('note'),
  },
  (t) => [uniqueIndex('handover_acks_uq').on(t.handoverId, t.entryId, t.staffId), index('handover_acks_entry').on(t.entryId)],
)

/** A question the incoming clerk asked about a pending item (and the answer). Append-only. */
export const handoverQuestions = sqliteTable(
  'handover_questions',
  {
    ...synced,
    handoverId: text('handover_id')
      .notNull()
      .references(() => handovers.id),
    entryId: text('entry_id')
      .notNull()
      .references(() => logEntries.id),
    askedBy: text('asked_by')
      .notNull()
      .references(() => staff.id),
    at: text('at').notNull(),
    question: text('question').notNull(),
    answer: text('answer'),
  },
  (t) => [index('handover_questions_handover').on(t.handoverId)],
)

/** One desk-environment checklist line, ticked by the incoming clerk (changeable until signed). */
export const handoverChecks = sqliteTable(
  'handover_checks',
  {
    ...synced,
    handoverId: text('handover_id')
      .notNull()
      .references(() => handovers.id),
    itemCode: text('item_code').notNull(),
    ok: integer('ok', { mode: 'boolean' }).notNull(),
    note: text('note'),
    checkedBy: text('checked_by')
      .notNull()
      .references(() => staff.id),
    at: text('at').notNull(),
  },
  (t) => [uniqueIndex('handover_checks_uq').on(t.handoverId, t.itemCode)],
)

/** One custody item counted by both sides (changeable until signed). */
export const handoverCounts = sqliteTable(
  'handover_counts',
  {
    ...synced,
    handoverId: text('handover_id')
      .notNull()
      .references(() => handovers.id),
    itemCode: text('item_code').notNull(),
    outgoingCount: integer('outgoing_count'),
    outgoingAt: text('outgoing_at'),
    incomingCount: integer('incoming_count'),
    incomingBy: text('incoming_by').references(() => staff.id),
    incomingAt: text('incoming_at'),
    explanation: text('explanation'),
    explainedBy: text('explained_by').references(() => staff.id),
  },
  (t) => [uniqueIndex('handover_counts_uq').on(t.handoverId, t.itemCode)],
)

// ─── Permits and passes: applications, reviews, prints, serials, deposit ledger, files (issue C) ─────

/**
 * One application / document of any kind (装修许可证, 出入证, 延期, 增加项目, 动火, 放行条, 楼梯/电梯).
 * Created and submitted in one transaction, so every row has its serial (per kind per year, from
 * permit_serials). Times of the document (submitted, issued, used, returned, voided) are the site's
 * local wall-clock `YYYY-MM-DD HH:mm`, as printed (shared/time/calendar.ts); created/updated are UTC ISO.
 * `expired` is never stored: it is derived from the validity. Never deleted (trigger); serial, kind and
 * — except a renovation's end when extended — the validity never change (triggers).
 */
export const permits = sqliteTable(
  'permits',
  {
    ...synced,
    kind: text('kind').notNull(),
    serial: text('serial').notNull(),
    year: integer('year').notNull(),
    /** inReview | refused | approved | issued | returned | used | voided */
    state: text('state').notNull(),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    /** The unit as printed, fixed at submission. */
    unitLabel: text('unit_label').notNull(),
    /** Worker pass, extension: the renovation they hang on. */
    renovationId: text('renovation_id').references((): AnySQLiteColumn => permits.id),
    parentSerial: text('parent_serial'),
    /** A re-issued worker pass: the pass it replaces. */
    replacesId: text('replaces_id').references((): AnySQLiteColumn => permits.id),
    replacesSerial: text('replaces_serial'),
    /** JSON Applicant. */
    applicant: text('applicant').notNull(),
    applicantName: text('applicant_name').notNull(),
    /** The worker, welder, carrier, lead (code.ts holderOf): for search and the guard. */
    holderName: text('holder_name').notNull(),
    /** JSON OwnerConsent (a tenant's application). */
    ownerConsent: text('owner_consent'),
    /** JSON of the kind's fields (a worker's photo is kept in permit_files). */
    fields: text('fields').notNull(),
    validFrom: text('valid_from').notNull(),
    validUntil: text('valid_until').notNull(),
    /** A renovation extended: its end as first approved (its check code keeps using it). */
    extendedFrom: text('extended_from'),
    submittedAt: text('submitted_at').notNull(),
    submittedBy: text('submitted_by')
      .notNull()
      .references(() => staff.id),
    issuedAt: text('issued_at'),
    usedAt: text('used_at'),
    usedBy: text('used_by').references(() => staff.id),
    returnedAt: text('returned_at'),
    returnNote: text('return_note'),
    voidedAt: text('voided_at'),
    voidReason: text('void_reason'),
    printCount: integer('print_count').notNull().default(0),
    /** The check code printed in the QR (computed at submission; verification recomputes it). */
    checkCode: text('check_code').notNull(),
  },
  (t) => [
    uniqueIndex('permits_serial_uq').on(t.serial),
    index('permits_kind_state').on(t.kind, t.state),
    index('permits_state').on(t.state),
    index('permits_unit').on(t.unitId, t.kind),
    index('permits_renovation').on(t.renovationId),
    index('permits_replaces').on(t.replacesId),
  ],
)

/** One review decision: who, when (local stamp), step, decision, opinion. Append-only. */
export const permitReviews = sqliteTable(
  'permit_reviews',
  {
    ...synced,
    permitId: text('permit_id')
      .notNull()
      .references(() => permits.id),
    step: integer('step').notNull(),
    role: text('role').notNull(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    staffName: text('staff_name').notNull(),
    at: text('at').notNull(),
    /** approve | refuse */
    decision: text('decision').notNull(),
    opinion: text('opinion').notNull(),
  },
  (t) => [uniqueIndex('permit_reviews_step_uq').on(t.permitId, t.step)],
)

/** Every print and re-print (reprint 0 = first print, n = 补打第n次); terminal_id says where. Append-only. */
export const permitPrints = sqliteTable(
  'permit_prints',
  {
    ...synced,
    permitId: text('permit_id')
      .notNull()
      .references(() => permits.id),
    at: text('at').notNull(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    reprint: integer('reprint').notNull(),
  },
  (t) => [uniqueIndex('permit_prints_uq').on(t.permitId, t.reprint)],
)

/** The last serial number taken per kind and year: only ever goes up (trigger), so none is reused. */
export const permitSerials = sqliteTable(
  'permit_serials',
  {
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.year] })],
)

/**
 * 出入证押金台账: money in integer fen, always positive; `kind` charge | refund, `item` deposit | fee.
 * Append-only: a correction is a new row.
 */
export const depositLedger = sqliteTable(
  'deposit_ledger',
  {
    ...synced,
    passId: text('pass_id')
      .notNull()
      .references(() => permits.id),
    renovationId: text('renovation_id')
      .notNull()
      .references(() => permits.id),
    kind: text('kind').notNull(),
    item: text('item').notNull(),
    amountFen: integer('amount_fen').notNull(),
    receiptNo: text('receipt_no'),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    at: text('at').notNull(),
    note: text('note'),
  },
  (t) => [index('deposit_ledger_renovation').on(t.renovationId), index('deposit_ledger_pass').on(t.passId)],
)

/** Attachments and workers' photos of an application, as data: URLs (≤ 2 MB each). Append-only. */
export const permitFiles = sqliteTable(
  'permit_files',
  {
    ...synced,
    permitId: text('permit_id')
      .notNull()
      .references(() => permits.id),
    /** photo | attachment */
    kind: text('kind').notNull(),
    label: text('label').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    dataUrl: text('data_url').notNull(),
  },
  (t) => [index('permit_files_permit').on(t.permitId)],
)

/** Signatures drawn at handover (when the site uses them): append-only, sealed into the handover's hash. */
export const handoverSignatures = sqliteTable(
  'handover_signatures',
  {
    ...synced,
    handoverId: text('handover_id')
      .notNull()
      .references(() => handovers.id),
    side: text('side').notNull(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    at: text('at').notNull(),
    dataUrl: text('data_url').notNull(),
  },
  (t) => [uniqueIndex('handover_signatures_side').on(t.handoverId, t.side)],
)

/**
 * PIN attempts (login, handover, override, signing, own PIN change): one row per wrong PIN evaluated,
 * per success that ends a run of failures, per reset by an administrator. Append-only records of fact,
 * read and written inside the same write transaction as the check, so parallel guesses cannot all be
 * evaluated. Keyed by the staff number as typed (unknown numbers too, so they behave alike) and by terminal.
 */
export const pinAttempts = sqliteTable(
  'pin_attempts',
  {
    ...synced,
    staffNo: text('staff_no').notNull(),
    /** Null when no such staff (or a removed one). */
    staffId: text('staff_id'),
    /** Where the PIN was asked: login, handover.incoming, override, handover.sign, changePin. */
    purpose: text('purpose').notNull(),
    /** fail | ok | reset */
    outcome: text('outcome').notNull(),
    /** Set on the failure that locks the staff number. */
    lockedUntil: text('locked_until'),
  },
  (t) => [index('pin_attempts_staff_no').on(t.staffNo), index('pin_attempts_terminal').on(t.terminalId, t.createdAt)],
)

/**
 * The seal of a permit (issue E): every state change and printed field of a permit, appended as a fact
 * — the sealed snapshot (permit row, reviews, prints, files' digests, ledger rows), its digest, and a
 * keyed MAC (HMAC-SHA256 with the site's secret) chained to the previous seal of the SAME terminal
 * (seq 1, 2, … per terminal_id). With LAN sync each terminal keeps its own chain; rows of other
 * terminals arrive with their own ids, terminal and seq and are checked against their own chain. A
 * permit's latest seal (by id, UUIDv7 = time order) must match the permit as stored now.
 * Append-only (triggers).
 */
export const permitSeals = sqliteTable(
  'permit_seals',
  {
    ...synced,
    permitId: text('permit_id')
      .notNull()
      .references(() => permits.id),
    seq: integer('seq').notNull(),
    /** What was sealed: submit, review, print, use, return, void, extend, reissue, refund … */
    event: text('event').notNull(),
    /** Local `YYYY-MM-DD HH:mm` of the change. */
    at: text('at').notNull(),
    snapshot: text('snapshot').notNull(),
    digest: text('digest').notNull(),
    prevMac: text('prev_mac').notNull(),
    mac: text('mac').notNull(),
  },
  (t) => [uniqueIndex('permit_seals_chain_uq').on(t.terminalId, t.seq), index('permit_seals_permit').on(t.permitId, t.id)],
)

/** 门禁卡 kinds: site settings (editable, soft delete); the code is generated and never reused. */
export const cardKinds = sqliteTable(
  'card_kinds',
  {
    ...synced,
    code: text('code').notNull(),
    name: text('name').notNull(),
    depositFen: integer('deposit_fen').notNull(),
    feeFen: integer('fee_fen').notNull(),
    replaceFeeFen: integer('replace_fee_fen').notNull(),
  },
  (t) => [uniqueIndex('card_kinds_code_uq').on(t.code), uniqueIndex('card_kinds_name_uq').on(t.name).where(sql`deleted_at IS NULL`)],
)

/** A card issued: append-only fact; its number unique over every card ever issued (see electron/core/cards/issue.ts). */
export const cards = sqliteTable(
  'cards',
  {
    ...synced,
    cardNo: text('card_no').notNull(),
    kindId: text('kind_id')
      .notNull()
      .references(() => cardKinds.id),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    holderResidentId: text('holder_resident_id')
      .notNull()
      .references(() => residents.id),
    holderName: text('holder_name').notNull(),
    holderKind: text('holder_kind').notNull(),
    ownerConsent: text('owner_consent'),
    entry: text('entry').notNull(),
    depositFen: integer('deposit_fen').notNull(),
    feeFen: integer('fee_fen').notNull(),
    replacesCardId: text('replaces_card_id').references((): AnySQLiteColumn => cards.id),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('cards_card_no_uq').on(t.cardNo),
    index('cards_unit').on(t.unitId),
    index('cards_holder').on(t.holderResidentId),
    uniqueIndex('cards_replaces_uq').on(t.replacesCardId),
  ],
)

/** What happened to a card after issue (lost, returned): append-only, once each. */
export const cardEvents = sqliteTable(
  'card_events',
  {
    ...synced,
    cardId: text('card_id')
      .notNull()
      .references(() => cards.id),
    event: text('event').notNull(),
    who: text('who'),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    note: text('note'),
  },
  (t) => [uniqueIndex('card_events_once').on(t.cardId, t.event)],
)

/**
 * 门禁卡押金台账: the shape of deposit_ledger with a card reference. deposit_ledger cannot take one:
 * its pass_id and renovation_id are NOT NULL foreign keys to permits, and SQLite changes neither
 * without rebuilding the table (and its sealed rows). Append-only; a deposit is refunded once (unique index).
 */
export const cardLedger = sqliteTable(
  'card_ledger',
  {
    ...synced,
    cardId: text('card_id')
      .notNull()
      .references(() => cards.id),
    kind: text('kind').notNull(),
    item: text('item').notNull(),
    amountFen: integer('amount_fen').notNull(),
    receiptNo: text('receipt_no'),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    at: text('at').notNull(),
    note: text('note'),
  },
  (t) => [index('card_ledger_card').on(t.cardId)],
)

/** Blank cards at the desk per kind: received, issued, spoiled — append-only movements. */
export const cardStock = sqliteTable(
  'card_stock',
  {
    ...synced,
    kindId: text('kind_id')
      .notNull()
      .references(() => cardKinds.id),
    move: text('move').notNull(),
    count: integer('count').notNull(),
    cardNo: text('card_no'),
    cardId: text('card_id').references(() => cards.id),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    note: text('note'),
  },
  (t) => [index('card_stock_kind').on(t.kindId)],
)

/** The holder's drawn signature on a card's receipt (drizzle/0018): append-only, its digest sealed in the audit row. */
export const cardSignatures = sqliteTable(
  'card_signatures',
  {
    ...synced,
    cardId: text('card_id')
      .notNull()
      .references(() => cards.id),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    at: text('at').notNull(),
    dataUrl: text('data_url').notNull(),
  },
  (t) => [uniqueIndex('card_signatures_card').on(t.cardId)],
)

/** Each export of the gate block list: the last one is where "changes since" starts. Append-only. */
export const cardExports = sqliteTable('card_exports', {
  ...synced,
  scope: text('scope').notNull(),
  since: text('since'),
  count: integer('count').notNull(),
  staffId: text('staff_id')
    .notNull()
    .references(() => staff.id),
})
/**
 * Public keys (issue F, 公共钥匙): the register is an editable synced row; loans, returns and losses
 * are append-only facts (drizzle/0013_keys.sql) from which a key's state is derived.
 */
export const keys = sqliteTable(
  'keys',
  {
    ...synced,
    tagNo: text('tag_no').notNull(),
    name: text('name').notNull(),
    opens: text('opens').notNull(),
    area: text('area'),
    hook: text('hook'),
    copies: integer('copies').notNull(),
    mayLeaveSite: integer('may_leave_site', { mode: 'boolean' }).notNull(),
    defaultLoanHours: integer('default_loan_hours').notNull(),
    note: text('note'),
  },
  (t) => [uniqueIndex('keys_tag_uq').on(t.tagNo).where(sql`deleted_at IS NULL`)],
)

export const keyLoans = sqliteTable(
  'key_loans',
  {
    ...synced,
    keyId: text('key_id')
      .notNull()
      .references(() => keys.id),
    /** staff | outsider */
    borrowerKind: text('borrower_kind').notNull(),
    staffId: text('staff_id').references(() => staff.id),
    borrowerName: text('borrower_name').notNull(),
    company: text('company'),
    phone: text('phone'),
    idNumber: text('id_number'),
    purpose: text('purpose').notNull(),
    lentAt: text('lent_at').notNull(),
    dueAt: text('due_at').notNull(),
    lentBy: text('lent_by')
      .notNull()
      .references(() => staff.id),
  },
  (t) => [index('key_loans_key').on(t.keyId, t.lentAt), index('key_loans_lent_at').on(t.lentAt)],
)

export const keyReturns = sqliteTable(
  'key_returns',
  {
    ...synced,
    loanId: text('loan_id')
      .notNull()
      .references(() => keyLoans.id),
    returnedByName: text('returned_by_name').notNull(),
    returnedAt: text('returned_at').notNull(),
    condition: text('condition'),
    receivedBy: text('received_by')
      .notNull()
      .references(() => staff.id),
  },
  (t) => [uniqueIndex('key_returns_loan_uq').on(t.loanId)],
)

export const keyLosses = sqliteTable(
  'key_losses',
  {
    ...synced,
    keyId: text('key_id')
      .notNull()
      .references(() => keys.id),
    loanId: text('loan_id').references(() => keyLoans.id),
    reason: text('reason').notNull(),
    reportedByName: text('reported_by_name').notNull(),
    reportedAt: text('reported_at').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => staff.id),
  },
  (t) => [index('key_losses_key').on(t.keyId)],
)

/** One row per setting of a desk area; the id is the setting's key (see electron/core/site/deskSettings.ts). */
export const deskSettings = sqliteTable('desk_settings', {
  ...synced,
  /** JSON, validated by the area's zod schema on every read and write. */
  value: text('value').notNull(),
})
/**
 * Owners' spare keys in custody (issue F, 业主寄存钥匙; drizzle/0016_spare_keys.sql): deposits,
 * movements, collectors, their ends and their scanned authorisations are all append-only facts;
 * a deposit's state and a collector's are derived from them.
 */
export const spareKeySerials = sqliteTable('spare_key_serials', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
  updatedAt: text('updated_at').notNull(),
})

export const spareKeyDeposits = sqliteTable(
  'spare_key_deposits',
  {
    ...synced,
    receiptNo: text('receipt_no').notNull(),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    ownerResidentId: text('owner_resident_id')
      .notNull()
      .references(() => residents.id),
    ownerName: text('owner_name').notNull(),
    description: text('description').notNull(),
    keyCount: integer('key_count').notNull(),
    bagNo: text('bag_no').notNull(),
    depositedAt: text('deposited_at').notNull(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    note: text('note'),
  },
  (t) => [index('spare_key_deposits_unit').on(t.unitId)],
)

export const spareKeyCollectors = sqliteTable(
  'spare_key_collectors',
  {
    ...synced,
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    ownerResidentId: text('owner_resident_id')
      .notNull()
      .references(() => residents.id),
    ownerName: text('owner_name').notNull(),
    name: text('name').notNull(),
    idNumber: text('id_number').notNull(),
    phone: text('phone').notNull(),
    relation: text('relation').notNull(),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to').notNull(),
    note: text('note'),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
  },
  (t) => [index('spare_key_collectors_unit').on(t.unitId)],
)

/** release | return | refused | close: one row per movement, with its own id. */
export const spareKeyMoves = sqliteTable(
  'spare_key_moves',
  {
    ...synced,
    depositId: text('deposit_id')
      .notNull()
      .references(() => spareKeyDeposits.id),
    move: text('move').notNull(),
    at: text('at').notNull(),
    releaseId: text('release_id').references((): AnySQLiteColumn => spareKeyMoves.id),
    personRole: text('person_role'),
    residentId: text('resident_id').references(() => residents.id),
    collectorId: text('collector_id').references(() => spareKeyCollectors.id),
    personName: text('person_name').notNull(),
    idNumber: text('id_number'),
    entry: text('entry'),
    keyCount: integer('key_count'),
    bagNo: text('bag_no'),
    reason: text('reason'),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
  },
  (t) => [index('spare_key_moves_deposit').on(t.depositId, t.at)],
)

export const spareKeyCollectorEnds = sqliteTable(
  'spare_key_collector_ends',
  {
    ...synced,
    collectorId: text('collector_id')
      .notNull()
      .references(() => spareKeyCollectors.id),
    reason: text('reason').notNull(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
  },
  (t) => [index('spare_key_collector_ends_collector').on(t.collectorId)],
)

export const spareKeyFiles = sqliteTable(
  'spare_key_files',
  {
    ...synced,
    collectorId: text('collector_id')
      .notNull()
      .references(() => spareKeyCollectors.id),
    label: text('label').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    dataUrl: text('data_url').notNull(),
  },
  (t) => [index('spare_key_files_collector').on(t.collectorId)],
)

/** An overdue key loan acknowledged by the incoming clerk at a custody handover (drizzle/0017). Append-only. */
export const handoverKeyAcks = sqliteTable(
  'handover_key_acks',
  {
    ...synced,
    handoverId: text('handover_id')
      .notNull()
      .references(() => handovers.id),
    loanId: text('loan_id')
      .notNull()
      .references(() => keyLoans.id),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    at: text('at').notNull(),
    note: text('note'),
  },
  (t) => [uniqueIndex('handover_key_acks_uq').on(t.handoverId, t.loanId, t.staffId), index('handover_key_acks_loan').on(t.loanId)],
)

/**
 * 投诉 (issue G, drizzle/0021_complaints.sql): the complaint, its work contact slips and its steps are
 * append-only facts; state (result, call-back, validity, closed) is derived from the steps, the latest
 * step of a kind deciding (by time, then id). One closure per complaint is held by a partial unique
 * index on one database; on LAN sync (issue H) two terminals closing the same complaint offline hold two
 * close facts saying the same thing — the merge keeps the earliest and skips the other as a duplicate.
 */
export const complaints = sqliteTable('complaints', {
  ...synced,
  serial: text('serial').notNull(),
  receivedAt: text('received_at').notNull(),
  channel: text('channel').notNull(),
  complainant: text('complainant').notNull(),
  phone: text('phone'),
  unitId: text('unit_id').references(() => units.id),
  category: text('category').notNull(),
  department: text('department').notNull(),
  summary: text('summary').notNull(),
  severity: text('severity').notNull(),
  recordedBy: text('recorded_by')
    .notNull()
    .references(() => staff.id),
}, (t) => [uniqueIndex('complaints_serial_uq').on(t.serial), index('complaints_received').on(t.receivedAt), index('complaints_unit').on(t.unitId, t.receivedAt)])
export const complaintSlips = sqliteTable('complaint_slips', {
  ...synced,
  complaintId: text('complaint_id')
    .notNull()
    .references(() => complaints.id),
  serial: text('serial').notNull(),
  department: text('department').notNull(),
  request: text('request').notNull(),
  deadlineAt: text('deadline_at').notNull(),
  issuedAt: text('issued_at').notNull(),
  issuedBy: text('issued_by')
    .notNull()
    .references(() => staff.id),
}, (t) => [uniqueIndex('complaint_slips_serial_uq').on(t.serial), index('complaint_slips_complaint').on(t.complaintId, t.issuedAt)])
export const complaintSteps = sqliteTable('complaint_steps', {
  ...synced,
  complaintId: text('complaint_id')
    .notNull()
    .references(() => complaints.id),
  kind: text('kind').notNull(),
  at: text('at').notNull(),
  staffId: text('staff_id')
    .notNull()
    .references(() => staff.id),
  note: text('note'),
  outcome: text('outcome'),
  valid: integer('valid', { mode: 'boolean' }),
}, (t) => [index('complaint_steps_complaint').on(t.complaintId, t.kind, t.at), uniqueIndex('complaint_steps_one_close').on(t.complaintId).where(sql`kind = 'close'`)])

/**
 * 报修 · 维修单 (issue G): the order is an editable synced row whose due instants are fixed when it is
 * saved; its steps, breaches and photos are append-only facts (drizzle/0020_repairs.sql).
 */
export const repairOrders = sqliteTable(
  'repair_orders',
  {
    ...synced,
    serial: text('serial').notNull(),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    residentId: text('resident_id').references(() => residents.id),
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    category: text('category').notNull(),
    content: text('content').notNull(),
    urgent: integer('urgent', { mode: 'boolean' }).notNull(),
    appointmentAt: text('appointment_at'),
    receivedAt: text('received_at').notNull(),
    forwardDueAt: text('forward_due_at').notNull(),
    onSiteDueAt: text('on_site_due_at'),
    doneDueAt: text('done_due_at'),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
  },
  (t) => [uniqueIndex('repair_orders_serial_uq').on(t.serial), index('repair_orders_received').on(t.receivedAt), index('repair_orders_unit').on(t.unitId)],
)

export const repairSteps = sqliteTable(
  'repair_steps',
  {
    ...synced,
    orderId: text('order_id')
      .notNull()
      .references(() => repairOrders.id),
    /** forward | told | arrive | complete | callback */
    step: text('step').notNull(),
    at: text('at').notNull(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    who: text('who'),
    note: text('note'),
    materials: text('materials'),
    charges: text('charges'),
    result: text('result'),
    reached: integer('reached', { mode: 'boolean' }),
    satisfied: integer('satisfied', { mode: 'boolean' }),
    closes: integer('closes', { mode: 'boolean' }).notNull().default(false),
    callbackDueAt: text('callback_due_at'),
  },
  (t) => [index('repair_steps_order').on(t.orderId, t.at), index('repair_steps_open').on(t.orderId).where(sql`closes = 1`)],
)

export const repairBreaches = sqliteTable(
  'repair_breaches',
  {
    ...synced,
    orderId: text('order_id')
      .notNull()
      .references(() => repairOrders.id),
    /** forward | onSite | done | callback */
    clock: text('clock').notNull(),
    dueAt: text('due_at').notNull(),
    stoppedAt: text('stopped_at').notNull(),
    overMs: integer('over_ms').notNull(),
    stepId: text('step_id')
      .notNull()
      .references(() => repairSteps.id),
  },
  (t) => [index('repair_breaches_order').on(t.orderId)],
)

export const repairFiles = sqliteTable(
  'repair_files',
  {
    ...synced,
    orderId: text('order_id')
      .notNull()
      .references(() => repairOrders.id),
    label: text('label').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    dataUrl: text('data_url').notNull(),
  },
  (t) => [index('repair_files_order').on(t.orderId)],
)

// ── Reception (issue G): 入住手续, 家居服务, 特殊事件报告 (migration 0023). Editable rows per column;
// their steps are append-only facts (triggers), so a LAN sync merges them by union.

export const moveIns = sqliteTable(
  'move_ins',
  {
    ...synced,
    serial: text('serial').notNull(),
    unitId: text('unit_id').notNull().references(() => units.id),
    ownerResidentId: text('owner_resident_id').notNull().references(() => residents.id),
    doorKeys: integer('door_keys').notNull(),
    electricityCards: integer('electricity_cards').notNull(),
    waterCards: integer('water_cards').notNull(),
    mailboxKeys: integer('mailbox_keys').notNull(),
    /** JSON array of the document names handed over. */
    documents: text('documents').notNull(),
    note: text('note'),
    staffId: text('staff_id').notNull().references(() => staff.id),
  },
  (t) => [uniqueIndex('move_ins_serial_uq').on(t.serial), index('move_ins_unit').on(t.unitId)],
)

export const moveInCards = sqliteTable(
  'move_in_cards',
  {
    ...synced,
    moveInId: text('move_in_id').notNull().references(() => moveIns.id),
    cardId: text('card_id').notNull().references(() => cards.id),
    staffId: text('staff_id').notNull().references(() => staff.id),
  },
  (t) => [uniqueIndex('move_in_cards_card_uq').on(t.cardId), index('move_in_cards_move_in').on(t.moveInId)],
)

export const moveInSignatures = sqliteTable(
  'move_in_signatures',
  {
    ...synced,
    moveInId: text('move_in_id').notNull().references(() => moveIns.id),
    ownerResidentId: text('owner_resident_id').notNull().references(() => residents.id),
    ownerName: text('owner_name').notNull(),
    /** PNG data URL of a drawn signature, when one was drawn. */
    drawn: text('drawn'),
    signedAt: text('signed_at').notNull(),
    staffId: text('staff_id').notNull().references(() => staff.id),
  },
  (t) => [uniqueIndex('move_in_signatures_once').on(t.moveInId)],
)

export const homeServices = sqliteTable(
  'home_services',
  {
    ...synced,
    serial: text('serial').notNull(),
    unitId: text('unit_id').notNull().references(() => units.id),
    contact: text('contact').notNull(),
    phone: text('phone'),
    serviceCode: text('service_code').notNull(),
    serviceName: text('service_name').notNull(),
    per: text('per').notNull(),
    quantity: integer('quantity').notNull(),
    priceFen: integer('price_fen').notNull(),
    wantedAt: text('wanted_at').notNull(),
    bookedAt: text('booked_at').notNull(),
    callBackDueAt: text('call_back_due_at').notNull(),
    note: text('note'),
    staffId: text('staff_id').notNull().references(() => staff.id),
  },
  (t) => [uniqueIndex('home_services_serial_uq').on(t.serial), index('home_services_booked').on(t.bookedAt)],
)

export const homeServiceSteps = sqliteTable(
  'home_service_steps',
  {
    ...synced,
    homeServiceId: text('home_service_id').notNull().references(() => homeServices.id),
    /** callBack | done | followUp | cancel */
    step: text('step').notNull(),
    at: text('at').notNull(),
    confirmedAt: text('confirmed_at'),
    worker: text('worker'),
    satisfied: integer('satisfied', { mode: 'boolean' }),
    note: text('note'),
    /** The clock this step stopped: when it was due, and by how much it was late (a breach, for ever). */
    dueAt: text('due_at'),
    overMs: integer('over_ms'),
    staffId: text('staff_id').notNull().references(() => staff.id),
  },
  (t) => [uniqueIndex('home_service_steps_once').on(t.homeServiceId, t.step)],
)

export const specialEvents = sqliteTable(
  'special_events',
  {
    ...synced,
    serial: text('serial').notNull(),
    title: text('title').notNull(),
    place: text('place').notNull(),
    unitId: text('unit_id').references(() => units.id),
    occurredAt: text('occurred_at').notNull(),
    whatHappened: text('what_happened').notNull(),
    toldWhom: text('told_whom').notNull(),
    actions: text('actions').notNull(),
    staffId: text('staff_id').notNull().references(() => staff.id),
  },
  (t) => [uniqueIndex('special_events_serial_uq').on(t.serial)],
)

export const specialEventReads = sqliteTable(
  'special_event_reads',
  {
    ...synced,
    eventId: text('event_id').notNull().references(() => specialEvents.id),
    /** supervisor | director */
    role: text('role').notNull(),
    remark: text('remark'),
    staffId: text('staff_id').notNull().references(() => staff.id),
  },
  (t) => [index('special_event_reads_event').on(t.eventId)],
)

// ───────────── Visitors and parcels (issue G, migration 0022): editable rows + append-only facts ─────────────

export const visitorExpected = sqliteTable(
  'visitor_expected',
  {
    ...synced,
    unitId: text('unit_id').notNull().references(() => units.id),
    hostName: text('host_name'),
    visitorName: text('visitor_name').notNull(),
    phone: text('phone'),
    idNumber: text('id_number'),
    purpose: text('purpose').notNull(),
    carPlate: text('car_plate'),
    people: integer('people').notNull(),
    /** Local day. */
    expectedDate: text('expected_date').notNull(),
    calledBy: text('called_by').notNull(),
    note: text('note'),
    recordedBy: text('recorded_by').notNull().references(() => staff.id),
    cancelReason: text('cancel_reason'),
  },
  (t) => [index('visitor_expected_date').on(t.expectedDate)],
)

/**
 * An expected visitor signs in once (visits_expected_uq): two terminals signing the same one in offline
 * would meet the rule on merge (issue H) — the later visit keeps its own row with expected_id left out.
 */
export const visits = sqliteTable(
  'visits',
  {
    ...synced,
    serial: text('serial').notNull(),
    unitId: text('unit_id').notNull().references(() => units.id),
    hostName: text('host_name'),
    visitorName: text('visitor_name').notNull(),
    phone: text('phone').notNull(),
    idNumber: text('id_number'),
    purpose: text('purpose').notNull(),
    carPlate: text('car_plate'),
    people: integer('people').notNull(),
    expectedId: text('expected_id').references(() => visitorExpected.id),
    /** The local day the slip is valid for. */
    slipDay: text('slip_day').notNull(),
  },
  (t) => [uniqueIndex('visits_serial_uq').on(t.serial), uniqueIndex('visits_expected_uq').on(t.expectedId).where(sql`expected_id IS NOT NULL`), index('visits_day').on(t.slipDay)],
)

export const visitEvents = sqliteTable(
  'visit_events',
  {
    ...synced,
    visitId: text('visit_id').notNull().references(() => visits.id),
    /** in | out */
    kind: text('kind').notNull(),
    at: text('at').notNull(),
    staffId: text('staff_id').notNull().references(() => staff.id),
    note: text('note'),
  },
  (t) => [uniqueIndex('visit_events_once').on(t.visitId, t.kind)],
)

export const parcelBatches = sqliteTable(
  'parcel_batches',
  {
    ...synced,
    shiftId: text('shift_id').notNull().references(() => dutyShifts.id),
    openedBy: text('opened_by').notNull().references(() => staff.id),
  },
  (t) => [index('parcel_batches_shift').on(t.shiftId)],
)

export const parcels = sqliteTable(
  'parcels',
  {
    ...synced,
    serial: text('serial').notNull(),
    batchId: text('batch_id').notNull().references(() => parcelBatches.id),
    unitId: text('unit_id').notNull().references(() => units.id),
    addressee: text('addressee').notNull(),
    addresseePhone: text('addressee_phone').notNull(),
    carrier: text('carrier').notNull(),
    trackingNo: text('tracking_no').notNull(),
    kind: text('kind').notNull(),
    shelf: text('shelf').notNull(),
    note: text('note'),
    receivedAt: text('received_at').notNull(),
    receivedBy: text('received_by').notNull().references(() => staff.id),
  },
  (t) => [uniqueIndex('parcels_serial_uq').on(t.serial), index('parcels_tracking').on(t.trackingNo), index('parcels_received').on(t.receivedAt), index('parcels_batch').on(t.batchId)],
)

export const parcelNotices = sqliteTable(
  'parcel_notices',
  {
    ...synced,
    parcelId: text('parcel_id').notNull().references(() => parcels.id),
    channel: text('channel').notNull(),
    note: text('note'),
    staffId: text('staff_id').notNull().references(() => staff.id),
    at: text('at').notNull(),
  },
  (t) => [index('parcel_notices_parcel').on(t.parcelId)],
)

export const parcelDelegates = sqliteTable(
  'parcel_delegates',
  {
    ...synced,
    parcelId: text('parcel_id').notNull().references(() => parcels.id),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    namedHow: text('named_how').notNull(),
    staffId: text('staff_id').notNull().references(() => staff.id),
    at: text('at').notNull(),
  },
  (t) => [index('parcel_delegates_parcel').on(t.parcelId)],
)

export const parcelPickups = sqliteTable(
  'parcel_pickups',
  {
    ...synced,
    parcelId: text('parcel_id').notNull().references(() => parcels.id),
    pickerName: text('picker_name').notNull(),
    /** addressee | delegate */
    pickerRole: text('picker_role').notNull(),
    delegateId: text('delegate_id').references(() => parcelDelegates.id),
    /** Drawn signature, PNG data URL, when the picker signed on screen. */
    signature: text('signature'),
    staffId: text('staff_id').notNull().references(() => staff.id),
    at: text('at').notNull(),
  },
  (t) => [uniqueIndex('parcel_pickups_once').on(t.parcelId)],
)

// ─── LAN sync (issue H) ──────────────────────────────────────────────────────────────────────────
// These tables are this terminal's own bookkeeping: they are not themselves synced (the change log
// carries every synced table's changes; peers, log and conflicts are what this terminal saw).

/**
 * The change log: one row per inserted/updated/deleted row of a synced table, written by triggers in
 * the same transaction as the change (electron/core/sync/capture.ts). `origin` + `seq` (gapless per
 * origin) identify a change everywhere; `hlc` orders changes across terminals; `vals` holds the new
 * values of the changed columns (JSON). Changes received from peers are stored as they came.
 */
export const syncChanges = sqliteTable(
  'sync_changes',
  {
    origin: text('origin').notNull(),
    seq: integer('seq').notNull(),
    hlc: text('hlc').notNull(),
    tbl: text('tbl').notNull(),
    rowId: text('row_id').notNull(),
    /** i | u | d */
    op: text('op').notNull(),
    vals: text('vals').notNull(),
    /** Chain hash over the origin's changes and, on the last change of a transaction, the origin's signature. */
    hash: text('hash'),
    sig: text('sig'),
    /** Set when a received change could not be applied here (a rule refused it); the change is kept. */
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.origin, t.seq] }), index('sync_changes_row').on(t.tbl, t.rowId)],
)

/** One row (id 1): this terminal's origin, the transaction's clock, and whether a batch is being applied. */
export const syncState = sqliteTable('sync_state', {
  id: integer('id').primaryKey(),
  origin: text('origin').notNull(),
  hlc: text('hlc').notNull(),
  applying: integer('applying').notNull().default(0),
  /** The last of our changes sealed (hashed and signed). */
  sealedSeq: integer('sealed_seq').notNull().default(0),
  sealedHash: text('sealed_hash').notNull().default(''),
  /** LAN sync switched on here (the sync port listens on the LAN only while on). */
  enabled: integer('enabled').notNull().default(0),
  /** The site key received at pairing, until the site's own row (which carries it) has arrived. */
  siteKey: text('site_key'),
})

/** The peers as this terminal sees them: where it last reached each, and how it went. */
export const syncPeers = sqliteTable('sync_peers', {
  terminalId: text('terminal_id').primaryKey(),
  address: text('address'),
  lastSyncAt: text('last_sync_at'),
  lastOkAt: text('last_ok_at'),
  offlineSince: text('offline_since'),
  lastError: text('last_error'),
  clockOffsetMs: integer('clock_offset_ms'),
  waitingIn: integer('waiting_in'),
  /** The peer's version vector as last seen (JSON {origin: seq}): what of ours it still lacks. */
  theirVector: text('their_vector'),
})

export const syncLog = sqliteTable(
  'sync_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** in | out | refused | pair | error */
    direction: text('direction').notNull(),
    peerId: text('peer_id'),
    count: integer('count').notNull().default(0),
    detail: text('detail').notNull(),
  },
  (t) => [index('sync_log_at').on(t.at)],
)

/** A value that lost a per-column conflict here (last writer by clock wins); the administrator can see it. */
export const syncConflicts = sqliteTable('sync_conflicts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  tbl: text('tbl').notNull(),
  rowId: text('row_id').notNull(),
  col: text('col').notNull(),
  kept: text('kept'),
  lost: text('lost'),
  lostOrigin: text('lost_origin').notNull(),
  lostHlc: text('lost_hlc').notNull(),
})
