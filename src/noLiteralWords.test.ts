import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/** The page's components show no words of their own (eslint.config.js, i18next/no-literal-string; docs/chat.md "Languages"). */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const eslint = new ESLint({ cwd: root })
const literals = async (code: string, filePath = 'src/renderer/src/components/chat/Example.tsx') =>
  (await eslint.lintText(code, { filePath })).flatMap((result) => result.messages.filter((message) => message.ruleId === 'i18next/no-literal-string').map((message) => message.line))

const component = (body: string) => `import { useTranslation } from '../../i18n'\nexport function Example({ busy }: { busy: boolean }) {\n  const { t } = useTranslation()\n  return (\n${body}\n  )\n}\n`

describe('no literal words in the page’s components (lint)', () => {
  it.each([
    ['text between tags', '<p>Nothing here yet</p>'],
    ['a word chosen in JSX', "<p>{busy ? 'Loading' : t('message.reply')}</p>"],
    ['a tooltip', '<span title="Open the file" />'],
    ['a label a screen reader reads', '<button type="button" aria-label="Close" />'],
    ['a placeholder', '<input placeholder="Search models" />'],
    ['a component’s label', '<Field label="Daily budget" />'],
  ])('fails on %s', async (_what, jsx) => {
    expect(await literals(component(jsx))).toEqual([5])
  })

  it('lets words from the i18n layer, code and symbols through', async () => {
    const jsx = `<div className="flex gap-2" data-testid="chat-title" title={t('message.reply')}>
      {t('message.reply')} · {busy ? '…' : '—'} 42%
      <input type="text" placeholder="http://127.0.0.1:11434/v1" aria-label={t('message.reply')} />
      <span>Aura</span>
    </div>`
    expect(await literals(component(jsx))).toEqual([])
  })

  it('leaves files outside the components alone', async () => {
    expect(await literals(component('<p>Nothing here yet</p>'), 'src/renderer/src/lib/example.tsx')).toEqual([])
  })
})
