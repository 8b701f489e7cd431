import { useSyncExternalStore } from 'react'

/** A tiny hash router: the desk has a handful of pages and no server-side routes. */
const subscribe = (fn: () => void) => {
  window.addEventListener('hashchange', fn)
  return () => window.removeEventListener('hashchange', fn)
}
export function useRoute(): string[] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash)
  return hash.replace(/^#\/?/, '').split('/').filter(Boolean)
}
export const go = (path: string) => {
  window.location.hash = path.startsWith('/') ? path : `/${path}`
}
