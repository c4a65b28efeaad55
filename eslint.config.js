import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import i18next from 'eslint-plugin-i18next'
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

/**
 * Words on screen (i18next/no-literal-string on the page's components): the text between tags, the
 * literals in what a tag shows, and the attributes a user reads or hears. Any other attribute —
 * classes, test ids, keys, routes — is code. Not words: symbols and numbers, names that read the
 * same in every language, and code that is passed along in JSX (a test id, a class list, an
 * address or key shown as an example). A new non-word goes in NOT_WORDS.
 */
const SHOWN_ATTRIBUTES = [
  ...['aria-label', 'aria-description', 'aria-valuetext', 'aria-roledescription', 'title', 'placeholder', 'alt'],
  // Our components' props that carry words.
  ...['label', 'onLabel', 'offLabel', 'busyLabel', 'confirmLabel', 'help', 'hint', 'intro', 'body', 'note', 'caption', 'nameHeader', 'suffix', 'automatic', 'what', 'message'],
]
const NOT_WORDS = [
  // Symbols, digits and punctuation only.
  '[0-9!-/:-@[-`{-~\\s·—–…×→←↑↓✓✕•%]+',
  '[A-Z_-]+',
  /^\p{Emoji}+$/u,
  // Names.
  'Aura',
  'Auto',
  'JSON',
  'Markdown',
  'GGUF',
  // A test id ("price-input") or a class list ("bg-sky-500 dark:bg-sky-400"): every part has a - or a :.
  '(?:[a-z0-9@/.\\[\\]%]*[-:][a-z0-9@/.:\\[\\]%-]*\\s*)+',
  // An address, the start of a key ("hf_…", "aura-…") or a name pattern ("*haiku*") shown as an example.
  'https?://\\S+',
  '[a-z]+[-_]…',
  '[\\w.-]*\\*[\\w*.-]*',
]
const noLiteralWords = {
  mode: 'jsx-only',
  'jsx-attributes': { exclude: [`(?!(${SHOWN_ATTRIBUTES.join('|')})$).*`] },
  words: { exclude: NOT_WORDS },
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
  {
    // The page's components show no words of their own: every word comes through the i18n layer (docs/chat.md "Languages").
    files: ['src/renderer/src/components/**/*.tsx'],
    ignores: ['**/*.test.tsx'],
    plugins: { i18next },
    rules: { 'i18next/no-literal-string': ['error', noLiteralWords] },
  },
)
