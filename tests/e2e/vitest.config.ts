import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    // Two cores: one browser at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll gives up after 1 s by default: a loaded 2-core CI machine can take longer than that to
    // log in and load a page. A poll that is going to fail still fails, 10 s later.
    expect: { poll: { timeout: 10_000 } },
  },
})
