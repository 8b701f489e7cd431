// npm test: lint (oxlint: import cycles, folder boundaries, correctness), typecheck, unit + integration
// (vitest, real SQLite files), then a fresh renderer build and the end-to-end suite (Playwright driving Chromium against host mode). Ends with one summary line.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'test-results')
fs.mkdirSync(out, { recursive: true })
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs')
const run = (label, cmd, args) => {
  console.log(`\n=== ${label}`)
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1
}
const counts = (file) => {
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8'))
    return { passed: j.numPassedTests, failed: j.numFailedTests || (j.success ? 0 : 1), skipped: j.numPendingTests + j.numTodoTests }
  } catch {
    return { passed: 0, failed: 1, skipped: 0 }
  }
}

const unitJson = path.join(out, 'vitest-unit.json')
const e2eJson = path.join(out, 'vitest-e2e.json')
// Lint first: it takes about a second, and a boundary or cycle error fails the run like a test.
const sLint = run('lint', process.execPath, [path.join(root, 'node_modules/oxlint/bin/oxlint'), '-c', '.oxlintrc.json', 'electron', 'renderer', 'shared', 'tests', 'scripts'])
const s0 = run('typecheck', process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'])
const s1 = run('unit + integration', process.execPath, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`])
const s2 = run('build renderer', process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'])
const s3 = s2 === 0 ? run('end-to-end (host mode + Chromium)', process.execPath, [vitest, 'run', '--config', 'tests/e2e/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${e2eJson}`]) : 1
const a = counts(unitJson)
const b = s2 === 0 ? counts(e2eJson) : { passed: 0, failed: 1, skipped: 0 }
const failed = a.failed + b.failed + (s2 === 0 ? 0 : 1) + (s0 === 0 ? 0 : 1) + (sLint === 0 ? 0 : 1)
console.log(`\ntests: ${a.passed + b.passed} passed, ${failed} failed, ${a.skipped + b.skipped} skipped`)
process.exit(sLint || s0 || s1 || s2 || s3 || failed ? 1 : 0)
