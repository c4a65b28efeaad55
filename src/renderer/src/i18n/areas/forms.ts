import type { Area } from './area'

const en = {}

export const forms: Area<typeof en> = { en, es: {}, 'zh-CN': {} }
