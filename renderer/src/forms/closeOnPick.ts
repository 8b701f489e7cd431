import { useState } from 'react'

/**
 * Props for an antd Select whose list closes the moment an option is picked. antd closes it a
 * task later, and a Tab or Shift+Tab typed in between (a fast typist) is taken by the still-open
 * list instead of moving on.
 */
export function useCloseOnPick() {
  const [open, setOpen] = useState(false)
  return { open, onOpenChange: setOpen, onSelect: () => setOpen(false), setOpen }
}
