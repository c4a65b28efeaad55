import type { Area } from './area'

const en = {}

export const assistants: Area<typeof en> = { en, es: {}, 'zh-CN': {} }
