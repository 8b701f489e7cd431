import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { openCore, type Core } from '../../electron/core/app'
import { memoryHeadStore } from '../../electron/core/audit/heads'
import { createHostServer } from '../../electron/host/server'
import { loadOrCreateIdentity } from '../../electron/core/sync/net'
import { MIGRATIONS, tempDir } from '../helpers/core'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const SHOTS = path.join(ROOT, 'test-results', 'screenshots')

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']

/** Debian's /usr/bin/chromium where installed, else the Chromium inside @sparticuz/chromium (no download). */
async function browserPath(): Promise<{ executablePath: string; args: string[] }> {
  if (process.env.DESK_CHROMIUM) return { executablePath: process.env.DESK_CHROMIUM, args: FLAGS }
  if (fs.existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium', args: FLAGS }
  const mod = await import('@sparticuz/chromium')
  const sparticuz = (mod.default ?? mod) as { executablePath(): Promise<string>; args: string[] }
  return { executablePath: await sparticuz.executablePath(), args: [...new Set([...sparticuz.args.filter((a) => !a.startsWith('--single-process')), ...FLAGS])] }
}

export interface Desk {
  core: Core
  url: string
  browser: Browser
  page: Page
  dataDir: string
  shot(name: string): Promise<void>
  /** Logs in on the login card (logging the current user out first). */
  login(staffNo: string, pin?: string): Promise<void>
  logout(): Promise<void>
  close(): Promise<void>
}

/** A fresh data folder, the core and host server in-process on a free port, and a browser page. `now`: the core's clock (tests that cross a night). */
export async function openDesk(opts: { now?: () => Date; core?: Core; dataDir?: string; terminalId?: string; sync?: boolean } = {}): Promise<Desk> {
  const dataDir = opts.dataDir ?? tempDir('desk-e2e-')
  // `sync`: a terminal as the app makes one, with its certificate and a sync port on 127.0.0.1 (any
  // free port; listening once sync is switched on), so two desks can pair (issue H).
  const sync = opts.sync
    ? { identity: await loadOrCreateIdentity(dataDir), sync: { host: '127.0.0.1', port: 0, advertise: (p: number) => [`127.0.0.1:${p}`] } }
    : {}
  // The audit heads as host mode keeps them (its terminal settings file), here in memory. A core made by
  // a test helper (records seeded through the methods, on its own clock) may be served instead.
  const core = opts.core ?? (await openCore({ dataDir, terminalId: opts.terminalId ?? 'T-E2E', migrationsDir: MIGRATIONS, auditHeads: memoryHeadStore(), now: opts.now, ...sync }))
  const server = createHostServer(core, path.join(ROOT, 'out', 'renderer'))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  const { executablePath, args } = await browserPath()
  const browser = await chromium.launch({ executablePath, args, headless: true })
  const page = await browser.newPage({ viewport: { width: 1366, height: 820 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  page.setDefaultTimeout(15_000)
  fs.mkdirSync(SHOTS, { recursive: true })
  // The desk may find its session expired (the test clock jumped a night) between a look and a click:
  // then the login card is already there and 退出 is gone, which is the state wanted.
  const logout = async () => {
    await expect
      .poll(async () => {
        if (await page.getByTestId('login-card').isVisible()) return true
        await page.getByRole('button', { name: '退出' }).click({ timeout: 2000 }).catch(() => undefined)
        return page.getByTestId('login-card').isVisible()
      }, { timeout: 15_000 })
      .toBe(true)
  }
  return {
    core,
    url,
    browser,
    page,
    dataDir,
    logout,
    login: async (staffNo, pin = '1234') => {
      await expect.poll(async () => (await page.getByTestId('login-card').isVisible()) || (await page.getByTestId('me').isVisible())).toBe(true)
      if (await page.getByTestId('me').isVisible()) await logout()
      await page.getByLabel('工号', { exact: true }).fill(staffNo)
      await page.getByLabel('PIN', { exact: true }).fill(pin)
      await page.getByRole('button', { name: '登录' }).click()
      await expect.poll(() => page.getByTestId('me').isVisible()).toBe(true)
    },
    shot: async (name) => {
      // Chinese must have rendered in the shipped font before the picture is taken.
      await page.evaluate(() => document.fonts.ready)
      // From the top: the shell's header is sticky, and a full-page capture of a scrolled page draws it mid-page.
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
    },
    close: async () => {
      await browser.close()
      await new Promise((r) => server.close(r))
      await core.close()
    },
  }
}

/** expect.poll that gives up after `ms` (a number as its second argument is the timeout, as before). */
export const pollWithin =
  (ms: number): typeof expect.poll =>
  (fn, opts) =>
    expect.poll(fn, { timeout: ms, ...(typeof opts === 'number' ? { timeout: opts } : opts) })

/** The label of the form field that has the focus, else the focused element's tag and class. */
export const focusedLabel = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('.ant-form-item')?.querySelector('label')?.textContent ?? `(${document.activeElement?.tagName} ${document.activeElement?.className})`)
