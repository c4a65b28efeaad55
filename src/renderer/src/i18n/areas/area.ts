/** One area's strings in every language: English is the source; the others must have its shape (the type check and i18n.test.ts hold them to it). */
export interface Area<T> {
  en: T
  es: T
  'zh-CN': T
}
