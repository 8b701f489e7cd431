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
 * the next signed handover. At most one is open (one desk chain). Closed rows are immutable (trigger).
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
  },
  (t) => [
    uniqueIndex('duty_shifts_one_open').on(t.status).where(sql`status = 'open' AND deleted_at IS NULL`),
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
  },
  (t) => [
    index('log_entries_shift').on(t.shiftId, t.at),
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
    /** draft | signed */
    status: text('status').notNull(),
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
    seq: integer('seq'),
    prevHash: text('prev_hash'),
    /** JSON {part: sha256} of the sealed parts. */
    digests: text('digests'),
    hash: text('hash'),
  },
  (t) => [
    uniqueIndex('handovers_outgoing_uq').on(t.outgoingShiftId).where(sql`deleted_at IS NULL`),
    uniqueIndex('handovers_seq_uq').on(t.seq),
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
  (t) => [uniqueIndex('handover_acks_uq').on(t.handoverId, t.entryId, t.staffId)],
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
 * local wall-clock `YYYY-MM-DD HH:mm`, as printed (shared/permit/time.ts); created/updated are UTC ISO.
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
