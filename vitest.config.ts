import type { Reporter } from 'vitest/reporters'
import { defineConfig } from 'vitest/config'

/**
 * Lists every test skipped with a reason (`ctx.skip(condition, why)`) after the run: the default
 * reporter only counts skipped tests, and a test that does not run should say why.
 */
const skipReasons: Reporter = {
  onTestRunEnd(modules) {
    const lines = modules.flatMap((module) =>
      [...module.children.allTests()].flatMap((test) => {
        const result = test.result()
        return result.state === 'skipped' && result.note ? [`  ↓ ${module.relativeModuleId} › ${test.fullName}: ${result.note}`] : []
      }),
    )
    if (lines.length > 0) console.log(`\nSkipped on this machine:\n${lines.join('\n')}`)
  },
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/lib/**/*.test.ts', 'scripts/**/*.test.mjs'],
    environment: 'node',
    // Real llama.cpp inference: one worker at a time keeps 2-core machines responsive.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', skipReasons],
  },
})
