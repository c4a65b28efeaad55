import type { Area } from './area'

const en = {}

export const tools: Area<typeof en> = { en, es: {}, 'zh-CN': {} }
