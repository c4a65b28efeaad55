import type { Area } from './area'

/** The first-run card (chat/Onboarding.tsx): the computer, a suggested model, its download. */
const en = {
  welcome: 'Welcome to Aura',
  intro: 'Aura runs AI models right here on your computer, so your chats stay private and work offline.',
  looking: 'Looking at this computer to suggest a model…',
  found: 'Aura found <b>{{hardware}}</b>.',
  suggest: 'We suggest <b>{{name}}</b>. {{reason}}',
  suggestSized: 'We suggest <b>{{name}}</b> ({{size}}). {{reason}}',
  downloadIt: 'Download it?',
  catalogFailed: 'Aura couldn’t load its list of models just now.',
  pickInSettings: 'Pick a model to download in Settings → AI Models.',
  downloadList: 'Download',
  carriesOn: 'You can close this window or keep using Aura — the download carries on, and the model is picked for you when it’s done.',
  starting: 'Starting…',
  download: 'Download',
  downloadSized: 'Download ({{size}})',
  seeAll: 'See all models',
  notNow: 'Not now',
}

const es: typeof en = {
  welcome: 'Te damos la bienvenida a Aura',
  intro: 'Aura ejecuta los modelos de IA aquí mismo, en tu ordenador: tus conversaciones son privadas y funcionan sin conexión.',
  looking: 'Mirando este ordenador para sugerirte un modelo…',
  found: 'Aura encontró <b>{{hardware}}</b>.',
  suggest: 'Te sugerimos <b>{{name}}</b>. {{reason}}',
  suggestSized: 'Te sugerimos <b>{{name}}</b> ({{size}}). {{reason}}',
  downloadIt: '¿Lo descargamos?',
  catalogFailed: 'Aura no pudo cargar su lista de modelos en este momento.',
  pickInSettings: 'Elige un modelo para descargar en Ajustes → Modelos de IA.',
  downloadList: 'Descarga',
  carriesOn: 'Puedes cerrar esta ventana o seguir usando Aura: la descarga continúa y, cuando termine, el modelo quedará elegido.',
  starting: 'Empezando…',
  download: 'Descargar',
  downloadSized: 'Descargar ({{size}})',
  seeAll: 'Ver todos los modelos',
  notNow: 'Ahora no',
}

const zhCN: typeof en = {
  welcome: '欢迎使用 Aura',
  intro: 'Aura 直接在你的电脑上运行 AI 模型，对话保持私密，断网也能用。',
  looking: '正在查看这台电脑，好为你推荐模型…',
  found: 'Aura 发现这是<b>{{hardware}}</b>。',
  suggest: '我们建议使用 <b>{{name}}</b>。{{reason}}',
  suggestSized: '我们建议使用 <b>{{name}}</b>（{{size}}）。{{reason}}',
  downloadIt: '要下载吗？',
  catalogFailed: 'Aura 暂时无法加载模型列表。',
  pickInSettings: '在“设置 → AI 模型”中选一个模型下载。',
  downloadList: '下载',
  carriesOn: '你可以关闭此窗口或继续使用 Aura——下载会继续进行，完成后会自动为你选好这个模型。',
  starting: '正在开始…',
  download: '下载',
  downloadSized: '下载（{{size}}）',
  seeAll: '查看所有模型',
  notNow: '以后再说',
}

export const onboarding: Area<typeof en> = { en, es, 'zh-CN': zhCN }
