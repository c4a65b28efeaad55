import type { Area } from './area'

/** Settings → Privacy's list of connections (lib/networkWords.ts). */
const en = {
  purpose: {
    download: 'Downloading a model you chose',
    hub_search: 'Searching Hugging Face for models',
    hub_files: 'Listing a model’s files on Hugging Face',
    cloud_reply: 'Sending your message to a cloud model',
    key_test: 'Testing a key you saved',
    model_list: 'Asking a server you added which models it has',
    mcp_tool: 'Using a tools server you added',
  },
  today: 'Today',
  yesterday: 'Yesterday',
  times_one: '{{count}} time',
  times_other: '{{count}} times',
  notAnswered: 'not answered',
  noneAnswered: 'none answered',
  someNotAnswered: '{{count}} not answered',
  sent: 'sent {{size}}',
  answeredBy: 'answered by {{hosts}}',
}

const es: typeof en = {
  purpose: {
    download: 'Descargar un modelo que elegiste',
    hub_search: 'Buscar modelos en Hugging Face',
    hub_files: 'Ver la lista de archivos de un modelo en Hugging Face',
    cloud_reply: 'Enviar tu mensaje a un modelo en la nube',
    key_test: 'Probar una clave que guardaste',
    model_list: 'Preguntar a un servidor que añadiste qué modelos tiene',
    mcp_tool: 'Usar un servidor de herramientas que añadiste',
  },
  today: 'Hoy',
  yesterday: 'Ayer',
  times_one: '{{count}} vez',
  times_other: '{{count}} veces',
  notAnswered: 'sin respuesta',
  noneAnswered: 'ninguna respondida',
  someNotAnswered: '{{count}} sin respuesta',
  sent: 'enviado: {{size}}',
  answeredBy: 'respondió {{hosts}}',
}

const zhCN: typeof en = {
  purpose: {
    download: '下载你选择的模型',
    hub_search: '在 Hugging Face 上搜索模型',
    hub_files: '在 Hugging Face 上列出模型的文件',
    cloud_reply: '把你的消息发送给云端模型',
    key_test: '测试你保存的密钥',
    model_list: '询问你添加的服务器有哪些模型',
    mcp_tool: '使用你添加的工具服务器',
  },
  today: '今天',
  yesterday: '昨天',
  times_one: '{{count}} 次',
  times_other: '{{count}} 次',
  notAnswered: '未应答',
  noneAnswered: '均未应答',
  someNotAnswered: '{{count}} 次未应答',
  sent: '已发送 {{size}}',
  answeredBy: '由 {{hosts}} 应答',
}

export const network: Area<typeof en> = { en, es, 'zh-CN': zhCN }
