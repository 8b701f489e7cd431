/** The permit area's shared heart: kinds, field schemas and rules, serials and check codes. */
export * from './kinds'
export * from './settings'
export * from './schema/index'
export * from './rules'
