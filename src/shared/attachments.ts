import type { Attachment } from './api'

/**
 * The largest file attached to a chat's documents through the page, 2.75 MiB: its bytes travel as
 * base64 in one message, and the browser bridge takes 4 MiB a message. A bigger file goes in a
 * collection (Settings → Documents), which Aura reads from its folder.
 */
export const DOCUMENT_ATTACH_BYTES = 2_883_584

/**
 * A user's message as a model reads it: the words typed, then each attached file's text in a
 * fenced block under its name. The fence is longer than any run of backticks in the file, so a
 * Markdown or code file cannot close it early.
 */
export function promptText(content: string, attachments: readonly Pick<Attachment, 'name' | 'text'>[] | undefined): string {
  if (!attachments?.length) return content
  const files = attachments.map((file) => {
    const longest = Math.max(2, ...[...file.text.matchAll(/`+/g)].map((run) => run[0].length))
    const fence = '`'.repeat(longest + 1)
    return `Attached file: ${file.name}\n${fence}\n${file.text}\n${fence}`
  })
  return [content, ...files].join('\n\n')
}

/** A source's heading trail under its document's title: a Markdown file titled by its first heading does not name it twice. */
export function headingUnder(source: { title: string; heading?: string | undefined }): string {
  const { title, heading = '' } = source
  if (heading === title) return ''
  return heading.startsWith(`${title} › `) ? heading.slice(title.length + 3) : heading
}
