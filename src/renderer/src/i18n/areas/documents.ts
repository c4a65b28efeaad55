import type { Area } from './area'

const en = {}

export const documents: Area<typeof en> = { en, es: {}, 'zh-CN': {} }
