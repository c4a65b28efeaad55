import type { Area } from './area'

const en = {}

export const connect: Area<typeof en> = { en, es: {}, 'zh-CN': {} }
