import type { Area } from './area'

const en = {}

export const message: Area<typeof en> = { en, es: {}, 'zh-CN': {} }
