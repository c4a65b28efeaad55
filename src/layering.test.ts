import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** The layering of DESIGN.md, as the project's own lint config enforces it. */
describe('layering', () => {
  const eslint = new ESLint()
  const problems = async (filePath: string, code: string) =>
    (await eslint.lintText(code, { filePath })).flatMap((result) => result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message))

  it.each(['src/main/services/example.ts', 'src/main/host/example.ts', 'src/main/cli.ts', 'src/shared/example.ts', 'src/renderer/src/example.ts'])(
    'keeps electron out of %s',
    async (file) => {
      expect(await problems(file, "import { app } from 'electron'\nexport const a = app\n")).toHaveLength(1)
    },
  )

  it.each(['src/shared/example.ts', 'src/renderer/src/example.ts'])('keeps Node out of %s', async (file) => {
    expect(await problems(file, "import { join } from 'node:path'\nimport fs from 'fs'\nexport const a = [join, fs]\n")).toHaveLength(2)
  })

  it('lets the Electron shell and plain-Node services use what they need', async () => {
    expect(await problems('src/main/electron/example.ts', "import { app } from 'electron'\nexport const a = app\n")).toEqual([])
    expect(await problems('src/main/services/example.ts', "import { join } from 'node:path'\nexport const a = join\n")).toEqual([])
    expect(await problems('src/shared/example.ts', "import { events } from './api/events'\nexport const a = events\n")).toEqual([])
  })
})
