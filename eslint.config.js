import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { builtinModules } from 'node:module'

const noElectron = {
  paths: [{ name: 'electron', message: 'Only src/main/electron and src/preload may import electron; inject it through a port.' }],
  patterns: [{ group: ['electron/*'], message: 'Only src/main/electron and src/preload may import electron.' }],
}
const noNode = {
  paths: builtinModules.map((name) => ({ name, message: 'src/shared and src/renderer run without Node: no Node built-ins.' })),
  patterns: [{ group: ['node:*'], message: 'src/shared and src/renderer run without Node: no node:* imports.' }],
}

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
    files: ['src/main/services/**', 'src/main/host/**', 'src/main/cli.ts'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...noElectron.paths, ...noNode.paths], patterns: [...noElectron.patterns, ...noNode.patterns] }],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [...noElectron.paths, ...noNode.paths], patterns: [...noElectron.patterns, ...noNode.patterns] }],
    },
  },
)
