import type { Area } from './area'

const en = {}

export const network: Area<typeof en> = { en, es: {}, 'zh-CN': {} }
