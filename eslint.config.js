import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'

const noElectron = {
  paths: [{ name: 'electron', message: 'Only src/main/electron, src/main/index.ts and src/preload may import electron; inject it through a port.' }],
  patterns: [{ group: ['electron/*'], message: 'Only src/main/electron, src/main/index.ts and src/preload may import electron.' }],
}
/** A relative import that climbs out of its layer into another (`../../main/…`, `../../../src/renderer/…`). */
const into = (...layers) => `^(\\.\\./)+(src/)?(${layers.join('|')})(/|$)`
const noMain = {
  patterns: [{ regex: into('main'), message: 'The page and the preload reach main only through window.aura; constants they share with main belong in src/shared.' }],
}
const noOtherLayer = {
  patterns: [{ regex: into('main', 'renderer', 'preload'), message: 'src/shared is the bottom layer: it imports only src/shared.' }],
}
const noNode = {
  paths: builtinModules.map((name) => ({ name, message: 'src/shared and src/renderer run without Node: no Node built-ins.' })),
  patterns: [{ group: ['node:*'], message: 'src/shared and src/renderer run without Node: no node:* imports.' }],
}

/** One no-restricted-imports option from several rules (a later config's option replaces an earlier one's). */
const restrict = (...rules) => ({ paths: rules.flatMap((rule) => rule.paths ?? []), patterns: rules.flatMap((rule) => rule.patterns ?? []) })

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Everything but the Electron shell and the preload: main's services, host and CLI, bench, soak, e2e, scripts.
    ignores: ['src/main/electron/**', 'src/main/index.ts', 'src/preload/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['src/preload/**'],
    rules: { 'no-restricted-imports': ['error', noMain] },
  },
  {
    files: ['src/shared/**'],
    rules: { 'no-restricted-imports': ['error', restrict(noElectron, noNode, noOtherLayer)] },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', restrict(noElectron, noNode, noMain)],
    },
  },
)
