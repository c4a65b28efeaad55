import type { Area } from './area'

/** The shared form pieces: lib/temperatures.ts's choices, settings/fields.tsx, settings/JumpLinks.tsx, common/SendToNewAddress.tsx, common/VirtualList.tsx, common/CopyButton.tsx's announcement. */
const en = {
  onThisPage: 'On this page',
  on: 'On',
  off: 'Off',
  number: {
    empty: '{{what}}: enter a number.',
    notNumber: '{{what}}: “{{text}}” is not a number.',
    whole: '{{what}}: use a whole number.',
    atLeast: '{{what}}: at least {{min}}.',
    atMost: '{{what}}: at most {{max}}.',
  },
  list: '{{label}}, {{count}} in all (scroll to see more)',
  copiedToClipboard: 'Copied to clipboard',
  temperature: {
    default: 'Aura’s default (Settings)',
    named: '{{name}} ({{value}})',
    described: '{{name}} ({{value}}) — {{use}}',
    names: { exact: 'Exact', focused: 'Focused', balanced: 'Balanced', natural: 'Natural', creative: 'Creative', playful: 'Playful' },
    uses: {
      exact: 'the same answer each time',
      focused: 'code, facts, translation',
      natural: 'everyday writing',
      creative: 'ideas, stories',
      playful: 'surprising, less reliable',
    },
  },
  send: {
    sending: 'Sending…',
    key: {
      question: 'Send your key to {{sendTo}}?',
      savedFor: 'This key was saved for <b>{{savedFor}}</b>. Send it to <b>{{sendTo}}</b>?',
      warning: 'Say yes only if you changed the address yourself: whoever runs {{sendTo}} can use your key.',
      again: 'Enter the key again',
      send: 'Send it',
    },
    token: {
      question: 'Send your token to {{sendTo}}?',
      savedFor: 'This token was saved for <b>{{savedFor}}</b>. Send it to <b>{{sendTo}}</b>?',
      warning: 'Say yes only if you changed the address yourself: whoever runs {{sendTo}} can use your token.',
      again: 'Enter the token again',
      send: 'Send it',
    },
  },
}

const es: typeof en = {
  onThisPage: 'En esta página',
  on: 'Activado',
  off: 'Desactivado',
  number: {
    empty: '{{what}}: escribe un número.',
    notNumber: '{{what}}: «{{text}}» no es un número.',
    whole: '{{what}}: usa un número entero.',
    atLeast: '{{what}}: como mínimo {{min}}.',
    atMost: '{{what}}: como máximo {{max}}.',
  },
  list: '{{label}}, {{count}} en total (desplázate para ver más)',
  copiedToClipboard: 'Copiado al portapapeles',
  temperature: {
    default: 'La opción de Aura (Ajustes)',
    named: '{{name}} ({{value}})',
    described: '{{name}} ({{value}}): {{use}}',
    names: { exact: 'Exacta', focused: 'Precisa', balanced: 'Equilibrada', natural: 'Natural', creative: 'Creativa', playful: 'Atrevida' },
    uses: {
      exact: 'la misma respuesta cada vez',
      focused: 'código, datos, traducción',
      natural: 'textos del día a día',
      creative: 'ideas, historias',
      playful: 'sorprende, pero es menos fiable',
    },
  },
  send: {
    sending: 'Enviando…',
    key: {
      question: '¿Enviar tu clave a {{sendTo}}?',
      savedFor: 'Esta clave se guardó para <b>{{savedFor}}</b>. ¿Enviarla a <b>{{sendTo}}</b>?',
      warning: 'Di que sí solo si has cambiado tú la dirección: quien gestione {{sendTo}} podrá usar tu clave.',
      again: 'Volver a escribir la clave',
      send: 'Enviarla',
    },
    token: {
      question: '¿Enviar tu token a {{sendTo}}?',
      savedFor: 'Este token se guardó para <b>{{savedFor}}</b>. ¿Enviarlo a <b>{{sendTo}}</b>?',
      warning: 'Di que sí solo si has cambiado tú la dirección: quien gestione {{sendTo}} podrá usar tu token.',
      again: 'Volver a escribir el token',
      send: 'Enviarlo',
    },
  },
}

const zhCN: typeof en = {
  onThisPage: '本页内容',
  on: '开',
  off: '关',
  number: {
    empty: '{{what}}：请输入数字。',
    notNumber: '{{what}}：“{{text}}”不是数字。',
    whole: '{{what}}：请输入整数。',
    atLeast: '{{what}}：至少为 {{min}}。',
    atMost: '{{what}}：最多为 {{max}}。',
  },
  list: '{{label}}，共 {{count}} 项（滚动查看更多）',
  copiedToClipboard: '已复制到剪贴板',
  temperature: {
    default: 'Aura 的默认值（设置）',
    named: '{{name}}（{{value}}）',
    described: '{{name}}（{{value}}）——{{use}}',
    names: { exact: '精确', focused: '专注', balanced: '均衡', natural: '自然', creative: '创意', playful: '奔放' },
    uses: {
      exact: '每次回答都一样',
      focused: '代码、事实、翻译',
      natural: '日常写作',
      creative: '点子、故事',
      playful: '出人意料，但不太可靠',
    },
  },
  send: {
    sending: '正在发送…',
    key: {
      question: '把你的密钥发送到 {{sendTo}}？',
      savedFor: '这个密钥是为 <b>{{savedFor}}</b> 保存的。要发送到 <b>{{sendTo}}</b> 吗？',
      warning: '只有在你自己改了地址时才选“是”：运营 {{sendTo}} 的人将能使用你的密钥。',
      again: '重新输入密钥',
      send: '发送',
    },
    token: {
      question: '把你的令牌发送到 {{sendTo}}？',
      savedFor: '这个令牌是为 <b>{{savedFor}}</b> 保存的。要发送到 <b>{{sendTo}}</b> 吗？',
      warning: '只有在你自己改了地址时才选“是”：运营 {{sendTo}} 的人将能使用你的令牌。',
      again: '重新输入令牌',
      send: '发送',
    },
  },
}

export const forms: Area<typeof en> = { en, es, 'zh-CN': zhCN }
