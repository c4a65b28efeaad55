import type { Area } from './area'

const en = {}

export const routing: Area<typeof en> = { en, es: {}, 'zh-CN': {} }
