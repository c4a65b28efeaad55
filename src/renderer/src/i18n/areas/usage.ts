import type { Area } from './area'

const en = {}

export const usage: Area<typeof en> = { en, es: {}, 'zh-CN': {} }
