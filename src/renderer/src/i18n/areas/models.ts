import type { Area } from './area'

const en = {}

export const models: Area<typeof en> = { en, es: {}, 'zh-CN': {} }
