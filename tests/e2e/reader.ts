import type { Page } from 'playwright-core'

/**
 * What a USB reader or scanner does (a keyboard "wedge"): the text in a burst a few ms a key, then
 * Enter. The desk tells a reader from a person by the events' own time stamps, which for real hardware
 * are the moments the keys arrived, however busy the screen is. Playwright's `keyboard.type` waits for
 * each key to be handled before the next, so on a loaded 2-core CI machine its "4 ms" keys arrive
 * 50 ms apart and read as a person typing. Here each key carries the time stamp a reader would give it
 * (Chrome DevTools `Input.dispatchKeyEvent` `timestamp`), so the burst is a burst however slow the page.
 */
export async function readerBurst(page: Page, text: string, opts: { enter?: boolean; msPerKey?: number } = {}): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  try {
    const step = (opts.msPerKey ?? 4) / 1000
    const t0 = Date.now() / 1000
    let i = 0
    for (const ch of text) {
      const at = t0 + i++ * step
      const upper = ch.toUpperCase()
      const code = /[0-9]/.test(ch) ? `Digit${ch}` : /[a-z]/i.test(ch) ? `Key${upper}` : ''
      const vk = /[0-9a-z]/i.test(ch) ? upper.charCodeAt(0) : 0
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, code, text: ch, unmodifiedText: ch, windowsVirtualKeyCode: vk, timestamp: at })
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, code, windowsVirtualKeyCode: vk, timestamp: at + step / 2 })
    }
    if (opts.enter !== false) {
      const at = t0 + i * step
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', text: '\r', unmodifiedText: '\r', windowsVirtualKeyCode: 13, timestamp: at })
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, timestamp: at + step / 2 })
    }
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}
