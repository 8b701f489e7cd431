import { useState } from 'react'

/**
 * The subject a modal shows: `current` while it is open, and the last one while it fades out after
 * closing (current = null), so its title and fields do not flip to empty during the animation.
 * Kept in state, updated during render (React's "storing information from previous renders"): a ref
 * read during render would let the React compiler skip the component.
 */
export function useLastSubject<T>(current: T | null): T | null {
  const [last, setLast] = useState<T | null>(current)
  if (current !== null && current !== last) setLast(current)
  return current ?? last
}
