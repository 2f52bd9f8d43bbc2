import type { Language } from './config'

// The browser loads only the language of the page it shows; each is its own chunk.
export async function loadCatalogue(language: Language) {
  const mod = language === 'de' ? await import('~/locales/de') : await import('~/locales/en')
  return mod.default
}
