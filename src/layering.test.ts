import { readdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/** The layering of DESIGN.md, as the project's own lint config and tsconfigs enforce it. */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

describe('layering: imports (lint)', () => {
  const eslint = new ESLint({ cwd: root })
  const problems = async (filePath: string, code: string) =>
    (await eslint.lintText(code, { filePath })).flatMap((result) => result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message))
  const importElectron = "import { app } from 'electron'\nexport const a = app\n"

  it.each([
    'src/main/services/example.ts',
    'src/main/host/example.ts',
    'src/main/cli.ts',
    'src/main/cli/example.ts',
    'src/main/example.ts',
    'src/shared/example.ts',
    'src/renderer/src/example.ts',
    'bench/example.ts',
    'soak/example.ts',
    'e2e/example.spec.ts',
    'e2e/electron/example.spec.ts',
    'scripts/example.mjs',
  ])('keeps electron out of %s', async (file) => {
    expect(await problems(file, importElectron)).toHaveLength(1)
  })

  it.each(['src/main/electron/example.ts', 'src/main/index.ts', 'src/preload/example.ts'])('lets %s import electron', async (file) => {
    expect(await problems(file, importElectron)).toEqual([])
  })

  it.each(['src/shared/example.ts', 'src/renderer/src/example.ts'])('keeps Node out of %s', async (file) => {
    expect(await problems(file, "import { join } from 'node:path'\nimport fs from 'fs'\nexport const a = [join, fs]\n")).toHaveLength(2)
  })

  it.each([
    ['src/renderer/src/example.ts', '../../main/services/ports'],
    ['src/renderer/src/components/chat/example.ts', '../../../../../src/main/electron/ipc'],
    ['src/preload/example.ts', '../main/electron/ipc'],
    ['src/shared/example.ts', '../main/services/ports'],
    ['src/shared/api/example.ts', '../../renderer/src/api'],
    ['src/shared/example.ts', '../preload/aura'],
  ])('keeps %s from importing %s', async (file, from) => {
    expect(await problems(file, `import { x } from '${from}'\nexport const a = x\n`)).toHaveLength(1)
  })

  it('lets each layer import what it may', async () => {
    expect(await problems('src/main/services/example.ts', "import { join } from 'node:path'\nexport const a = join\n")).toEqual([])
    expect(await problems('src/shared/example.ts', "import { events } from './api/events'\nexport const a = events\n")).toEqual([])
    expect(await problems('src/renderer/src/example.ts', "import { CONTENT_SECURITY_POLICY } from '../../shared/csp'\nimport { useChat } from './stores/chat'\nexport const a = [CONTENT_SECURITY_POLICY, useChat]\n")).toEqual([])
    expect(await problems('src/preload/example.ts', "import { ipcRenderer } from 'electron'\nimport { REQUEST_CHANNEL } from '../shared/channels'\nexport const a = [ipcRenderer, REQUEST_CHANNEL]\n")).toEqual([])
    expect(await problems('src/main/electron/example.ts', "import { REQUEST_CHANNEL } from '../../shared/channels'\nexport const a = REQUEST_CHANNEL\n")).toEqual([])
  })
})

describe('layering: globals (compiler)', () => {
  const config = (name: string) => {
    const parsed = ts.getParsedCommandLineOfConfigFile(join(root, name), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => expect.fail(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')) })
    if (!parsed) throw new Error(`${name} could not be read`)
    expect(parsed.errors).toEqual([])
    return parsed
  }
  /** Lib and type files parse once for all layers. */
  const parsedFiles = new Map<string, ts.SourceFile>()

  /** The compiler's complaints about `code` in a file at `file`, checked with the options of the tsconfig `name`. */
  const complaints = (name: string, file: string, code: string) => {
    const fileName = join(root, file)
    const options = { ...config(name).options, composite: false, incremental: false, noEmit: true }
    const host = ts.createCompilerHost(options)
    const getSourceFile = host.getSourceFile.bind(host)
    host.getSourceFile = (path, languageVersion, ...rest) => {
      if (path === fileName) return ts.createSourceFile(path, code, languageVersion)
      const key = `${path}:${JSON.stringify(languageVersion)}`
      const parsed = parsedFiles.get(key) ?? getSourceFile(path, languageVersion, ...rest)
      if (parsed) parsedFiles.set(key, parsed)
      return parsed
    }
    host.fileExists = (path) => path === fileName || ts.sys.fileExists(path)
    const program = ts.createProgram([fileName], options, host)
    return ts.getPreEmitDiagnostics(program, program.getSourceFile(fileName)).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
  }
  const usesNode = 'export const home: string | undefined = process.env.HOME\n'
  const usesDom = 'export const title: string = document.title + window.location.href\n'
  const usesEs2023 = 'export const last = [1, 2, 3].findLast((n) => n < 3)\n'

  it('gives src/shared neither Node nor the DOM', () => {
    expect(complaints('tsconfig.shared.json', 'src/shared/example.ts', usesNode).join('\n')).toContain("Cannot find name 'process'")
    expect(complaints('tsconfig.shared.json', 'src/shared/example.ts', usesDom).join('\n')).toMatch(/Cannot find name '(document|window)'/)
    expect(complaints('tsconfig.shared.json', 'src/shared/example.ts', usesEs2023)).toEqual([])
  })

  it('gives the page the DOM and not Node', () => {
    expect(complaints('tsconfig.renderer.json', 'src/renderer/src/example.ts', usesNode).join('\n')).toContain("Cannot find name 'process'")
    expect(complaints('tsconfig.renderer.json', 'src/renderer/src/example.ts', usesDom)).toEqual([])
  })

  it.each(['src/main/services/example.ts', 'src/main/cli/example.ts'])('gives %s Node and not the DOM', (file) => {
    expect(complaints('tsconfig.node.json', file, usesDom).join('\n')).toMatch(/Cannot find name '(document|window)'/)
    expect(complaints('tsconfig.node.json', file, usesNode)).toEqual([])
  })

  it('checks every TypeScript file with the tsconfig of its layer', () => {
    const files = (name: string) => new Set(config(name).fileNames.map((file) => file.slice(root.length + 1)))
    const shared = files('tsconfig.shared.json')
    const renderer = files('tsconfig.renderer.json')
    const node = files('tsconfig.node.json')
    expect([...shared].every((file) => file.startsWith('src/shared/'))).toBe(true)
    expect([...renderer].filter((file) => /\.test\.tsx?$/.test(file))).toEqual([])
    expect([...renderer].filter((file) => !/^src\/(renderer|shared)\/|^src\/preload\/aura\.d\.ts$/.test(file))).toEqual([])
    expect([...node].filter((file) => /^src\/(renderer|preload)\/|^(e2e|bench\/sections)\//.test(file))).toEqual([])
    for (const file of ['src/shared/channels.ts', 'src/main/cli/pull.ts', 'src/main/host/server.ts', 'src/main/services/createServices.ts', 'soak/run.ts', 'electron.vite.config.ts']) {
      expect(node, file).toContain(file)
    }
    expect(renderer).toContain('src/renderer/src/App.tsx')

    // `npm run typecheck` (tsc -b) builds the projects tsconfig.json references: together they hold every file.
    const referenced = (config('tsconfig.json').projectReferences ?? []).flatMap((reference) => [...files(reference.path.slice(root.length + 1))])
    const everyFile = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? (['results', 'artifacts'].includes(entry.name) ? [] : everyFile(join(dir, entry.name))) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
      )
    const unchecked = ['src', 'bench', 'soak', 'e2e'].flatMap(everyFile).filter((file) => !referenced.includes(file))
    expect(unchecked).toEqual([])
  })
})
