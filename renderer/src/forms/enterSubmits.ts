import type { KeyboardEvent } from 'react'

/** Is the key event the IME confirming a composition (Chinese input), not a real Enter? */
const composing = (e: KeyboardEvent) => e.nativeEvent.isComposing || e.keyCode === 229

/**
 * A capture-phase key handler that makes Enter save the form from any of its fields — radio and
 * toggle buttons included, which do not submit by themselves. Enter still belongs to a list that
 * is open with an option highlighted (it picks that option), to an open date panel, to a
 * textarea and to a button (which presses it).
 */
export function enterSubmits(submit: () => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Enter' || composing(e) || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return
    const t = e.target as HTMLElement
    if (t.tagName === 'TEXTAREA' || t.tagName === 'BUTTON') return
    if (t.closest('.ant-picker') && document.querySelector('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')) return
    if (t.getAttribute('aria-expanded') === 'true') {
      const list = document.getElementById(t.getAttribute('aria-controls') ?? '')
      const popup = list?.closest('.ant-select-dropdown') ?? list?.parentElement
      if (popup?.querySelector('.ant-select-item-option-active')) return
    }
    e.preventDefault()
    e.stopPropagation()
    submit()
  }
}
