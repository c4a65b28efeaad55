import type { Area } from './area'

const en = {}

export const picker: Area<typeof en> = { en, es: {}, 'zh-CN': {} }
