import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The linter's rules must fire, or `npm run lint` passing says nothing. The project's own
// .oxlintrc.json runs on small files in a temp folder laid out like the repo (electron/core, a door,
// renderer, shared), each breaking one rule, plus clean files that must raise nothing.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const OXLINT = path.join(ROOT, 'node_modules/oxlint/bin/oxlint')

const FIXTURES: Record<string, string> = {
  // The core: no Electron, no door, no renderer.
  'electron/core/site/usesElectron.ts': `import { app } from 'electron'\nexport const v = app`,
  'electron/core/site/usesStore.ts': `import Store from 'electron-store'\nexport const v = Store`,
  'electron/core/site/usesDoor.ts': `import { door } from '../../main/door'\nexport const v = door`,
  'electron/core/site/usesHost.ts': `import { host } from '../../host/server'\nexport const v = host`,
  'electron/core/site/usesRenderer.ts': `import { page } from '../../../renderer/src/site/page'\nexport const v = page`,
  'electron/core/site/clean.ts': `import fs from 'node:fs'\nimport { rule } from '../../../shared/area/clean'\nexport const v = [fs, rule]`,
  // The doors may use Electron and the core.
  'electron/main/door.ts': `import { app } from 'electron'\nimport { v } from '../core/site/clean'\nexport const door = [app, v]`,
  'electron/host/server.ts': `import http from 'node:http'\nexport const host = http`,
  // The renderer: no Node, no Electron, no core.
  'renderer/src/site/usesNode.ts': `import fs from 'node:fs'\nexport const v = fs`,
  'renderer/src/site/usesBareNode.ts': `import path from 'path'\nexport const v = path`,
  'renderer/src/site/usesElectron.ts': `import { ipcRenderer } from 'electron'\nexport const v = ipcRenderer`,
  'renderer/src/site/usesCore.ts': `import { v as core } from '../../../electron/core/site/clean'\nexport const v = core`,
  'renderer/src/site/page.ts': `import { rule } from '../../../shared/area/clean'\nexport const page = rule`,
  // shared/: neither side.
  'shared/area/usesNode.ts': `import { createHash } from 'node:crypto'\nexport const v = createHash`,
  'shared/area/usesRenderer.ts': `import { page } from '../../renderer/src/site/page'\nexport const v = page`,
  'shared/area/usesCore.ts': `import { v as core } from '../../electron/core/site/clean'\nexport const v = core`,
  'shared/area/clean.ts': `import { z } from 'zod'\nexport const rule = z.string()`,
  // Cycles: a value cycle in the core, and a cycle made only of type imports (how the permit one was).
  'electron/core/duty/leave.ts': `import { rosterOf } from './roster'\nexport const leaveRows = () => rosterOf()`,
  'electron/core/duty/roster.ts': `import { leaveRows } from './leave'\nexport const rosterOf = (): unknown => leaveRows`,
  'shared/permit/record.ts': `import type { Fields } from './kind'\nexport type Rec = { fields: Fields }`,
  'shared/permit/kind.ts': `import type { Rec } from './record'\nexport type Fields = { a: string }\nexport type Rule = (r: Rec) => boolean`,
}

interface Diagnostic {
  code: string
  filename: string
  help?: string
}

let dir: string
let found: Diagnostic[]
let ms: number

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-rules-'))
  fs.copyFileSync(path.join(ROOT, '.oxlintrc.json'), path.join(dir, '.oxlintrc.json'))
  for (const [file, text] of Object.entries(FIXTURES)) {
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), text + '\n')
  }
  const t0 = performance.now()
  // The same command line as `npm run lint`, run in the fixture folder.
  const run = spawnSync(process.execPath, [OXLINT, '-c', '.oxlintrc.json', '-f', 'json', 'electron', 'renderer', 'shared'], { cwd: dir, encoding: 'utf8' })
  ms = performance.now() - t0
  expect(run.status, run.stderr).toBe(1)
  found = (JSON.parse(run.stdout) as { diagnostics: Diagnostic[] }).diagnostics
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const codesOf = (file: string) => found.filter((d) => d.filename === file).map((d) => d.code).sort()
const RESTRICTED = 'eslint(no-restricted-imports)'
const CYCLE = 'import(no-cycle)'

describe('lint rules (oxlint, .oxlintrc.json)', () => {
  it('the core may not import Electron, electron-store, a door or the renderer', () => {
    for (const f of ['usesElectron', 'usesStore', 'usesDoor', 'usesHost', 'usesRenderer']) {
      expect(codesOf(`electron/core/site/${f}.ts`), f).toEqual([RESTRICTED])
    }
    expect(found.find((d) => d.filename === 'electron/core/site/usesElectron.ts')?.help).toMatch(/never imports Electron/)
  })

  it('the renderer may not import Node, Electron or the core', () => {
    for (const f of ['usesNode', 'usesBareNode', 'usesElectron', 'usesCore']) {
      expect(codesOf(`renderer/src/site/${f}.ts`), f).toEqual([RESTRICTED])
    }
  })

  it('shared/ may import neither side', () => {
    for (const f of ['usesNode', 'usesRenderer', 'usesCore']) {
      expect(codesOf(`shared/area/${f}.ts`), f).toEqual([RESTRICTED])
    }
  })

  it('an import cycle is an error, also when it is made of type imports only', () => {
    for (const f of ['electron/core/duty/leave.ts', 'electron/core/duty/roster.ts', 'shared/permit/record.ts', 'shared/permit/kind.ts']) {
      expect(codesOf(f), f).toEqual([CYCLE])
    }
  })

  it('allowed imports raise nothing: the core on Node and shared/, a door on Electron and the core, the renderer on shared/', () => {
    for (const f of ['electron/core/site/clean.ts', 'electron/main/door.ts', 'electron/host/server.ts', 'renderer/src/site/page.ts', 'shared/area/clean.ts']) {
      expect(codesOf(f), f).toEqual([])
    }
    // Nothing else fired: every finding is one the fixtures were written to cause.
    expect(found.every((d) => d.code === RESTRICTED || d.code === CYCLE)).toBe(true)
  })

  it('is fast enough to run before every typecheck', () => {
    expect(ms).toBeLessThan(5000)
  })
})
