import { useEffect, useRef } from 'react'

const CLEARS = '.ant-select-clear, .ant-picker-clear, .ant-input-clear-icon'

/**
 * antd renders the clear (×) of a select or date picker as a <button>, so Tab stops on it between
 * two fields. The keyboard clears text by itself (Ctrl+A, Delete), so the × is left to the mouse:
 * clear buttons inside the returned element's subtree leave the tab order, as they appear.
 */
export function useClearNotTabStop<T extends HTMLElement>() {
  const ref = useRef<T>(null)
  useEffect(() => {
    const root = ref.current
    if (!root) return
    const untab = () =>
      root.querySelectorAll<HTMLElement>(CLEARS).forEach((b) => {
        if (b.tabIndex !== -1) b.tabIndex = -1
      })
    untab()
    const seen = new MutationObserver(untab)
    seen.observe(root, { childList: true, subtree: true })
    return () => seen.disconnect()
  }, [])
  return ref
}
