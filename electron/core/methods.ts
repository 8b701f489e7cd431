import type { Contract, OutputOf, ParsedInputOf } from '../../shared/api/contract'
import type { Ctx } from './context'

export type Handler<M> = (input: ParsedInputOf<M>, ctx: Ctx) => Promise<OutputOf<M>>
export type Handlers<C extends Contract> = { [K in keyof C]: Handler<C[K]> }

/** One area's implementation of its part of the contract; the compiler checks names and types. */
export function implement<C extends Contract>(contract: C, handlers: Handlers<C>) {
  return { contract, handlers }
}
export type Implementation = ReturnType<typeof implement<Contract>>

/**
 * Merges the areas into one registry. A method implemented twice, or declared in the contract
 * and implemented nowhere, stops the start: no method can silently go missing or be overridden.
 */
export function buildRegistry(contract: Contract, areas: Array<{ contract: Contract; handlers: Record<string, unknown> }>) {
  const table = new Map<string, Handler<unknown>>()
  for (const area of areas) {
    for (const [name, h] of Object.entries(area.handlers)) {
      if (table.has(name)) throw new Error(`API method implemented twice: ${name}`)
      if (!(name in contract)) throw new Error(`API method not in the contract: ${name}`)
      table.set(name, h as Handler<unknown>)
    }
  }
  const missing = Object.keys(contract).filter((n) => !table.has(n))
  if (missing.length) throw new Error(`API methods without implementation: ${missing.join(', ')}`)
  return table
}
