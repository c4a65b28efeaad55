/** ChatGPT's data export, in its shape: every branch kept in `mapping`, the one shown ending at `current_node`. */
export function chatGptExport() {
  const node = (id: string, parent: string | null, role: string, text: string | null, extra: Record<string, unknown> = {}) => ({
    id,
    parent,
    children: [],
    message: text === null ? null : { id, author: { role }, create_time: 1_700_000_000 + id.length, content: { content_type: 'text', parts: [text] }, metadata: {}, ...extra },
  })
  return [
    {
      title: 'Pasta for four',
      create_time: 1_700_000_000.5,
      current_node: 'a2',
      mapping: {
        root: node('root', null, 'system', null),
        sys: node('sys', 'root', 'system', 'You are ChatGPT', { metadata: { is_visually_hidden_from_conversation: true } }),
        u1: node('u1', 'sys', 'user', 'How much pasta for four?'),
        a1old: node('a1old', 'u1', 'assistant', 'An older answer that was regenerated'),
        a1: node('a1', 'u1', 'assistant', 'About 400 g.'),
        u2: node('u2', 'a1', 'user', 'And sauce?'),
        tool: node('tool', 'u2', 'tool', 'search results'),
        a2: node('a2', 'tool', 'assistant', 'One jar, 500 g.'),
      },
    },
    { title: 'Only an image', create_time: 1_700_000_100, current_node: 'i', mapping: { i: { id: 'i', parent: null, message: { author: { role: 'user' }, content: { content_type: 'image_asset_pointer', parts: [{ asset: 'x' }] } } } } },
  ]
}
