import type { Area } from './area'

const en = {}

export const cloud: Area<typeof en> = { en, es: {}, 'zh-CN': {} }
