import type { en } from './en'

// Typed keys: `t('sidebar.newChat')` is checked against the English source.
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en }
  }
}
