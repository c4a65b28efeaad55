import type { Area } from './area'

const en = {}

export const terms: Area<typeof en> = { en, es: {}, 'zh-CN': {} }
