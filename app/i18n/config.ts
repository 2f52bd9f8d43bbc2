// Languages of the portal. German is the controller's authoritative language (seed 001); a browser that
// asks for neither gets English, the language most of the provider's international customers read.
export const SUPPORTED_LANGUAGES = ['de', 'en'] as const
export type Language = (typeof SUPPORTED_LANGUAGES)[number]
export const FALLBACK_LANGUAGE: Language = 'en'
export const AUTHORITATIVE_LANGUAGE: Language = 'de'

// One catalogue file per area and language: app/locales/<lng>/<namespace>.json. Keys are always written
// with their namespace (t("ns:key")), so tests/integration/i18n-catalogues.spec.ts can check them.
export const NAMESPACES = ['common', 'validation', 'home', 'auth', 'account', 'mydata', 'requests', 'consent', 'policy', 'dpo', 'emails', 'transparency'] as const
export type Namespace = (typeof NAMESPACES)[number]

export const LANGUAGE_NAMES: Record<Language, string> = { de: 'Deutsch', en: 'English' }

export function isLanguage(value: unknown): value is Language {
  return (SUPPORTED_LANGUAGES as readonly unknown[]).includes(value)
}

export const i18nOptions = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: 'common',
  ns: [...NAMESPACES],
  // React escapes; i18next must not escape twice
  interpolation: { escapeValue: false },
  returnNull: false,
} as const
