import { uuidv7 } from 'uuidv7'

/** Time-ordered ids (UUIDv7): unique across terminals without coordination, sortable by creation. */
export const newId = (): string => uuidv7()
