import type { Area } from './area'

const en = {}

export const onboarding: Area<typeof en> = { en, es: {}, 'zh-CN': {} }
