/**
 * A single-use document (release slip, lift use) taken at two terminals cut off from each other
 * (issue H): each accepted it, both uses are kept when they sync, and the supervisor sees this.
 */
export interface DoubleUse {
  permitId: string
  serial: string
  kindName: string
  unitLabel: string
  uses: Array<{ at: string; terminal: string; staff: string | null }>
}
