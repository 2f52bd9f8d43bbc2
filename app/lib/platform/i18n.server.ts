// Which language a request is served in, and translation on the server (loaders, actions, emails, jobs).
// Detection order: ?lng=, the "lng" cookie set by the language switch, Accept-Language, then English.
import { createCookie } from '@remix-run/node'
import i18next, { createInstance, type i18n, type TFunction } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { RemixI18Next } from 'remix-i18next/server'
import de from '~/locales/de'
import en from '~/locales/en'
import { FALLBACK_LANGUAGE, i18nOptions, isLanguage, SUPPORTED_LANGUAGES, type Language } from '~/i18n/config'

const resources = { de, en }

// A preference the visitor set by pressing a button: strictly necessary for the service asked for.
export const languageCookie = createCookie('lng', { path: '/', sameSite: 'lax', httpOnly: true, secure: true, maxAge: 365 * 24 * 3600 })

const detector = new RemixI18Next({
  detection: { supportedLanguages: [...SUPPORTED_LANGUAGES], fallbackLanguage: FALLBACK_LANGUAGE, cookie: languageCookie },
  i18next: { ...i18nOptions, resources },
})

// The process-wide instance holds both languages; meta functions use getFixedT(language) on it, never changeLanguage.
if (!i18next.isInitialized) void i18next.init({ ...i18nOptions, resources, lng: FALLBACK_LANGUAGE, initImmediate: false })

export async function getLanguage(request: Request): Promise<Language> {
  const detected = await detector.getLocale(request)
  return isLanguage(detected) ? detected : FALLBACK_LANGUAGE
}

export function fixedT(language: Language): TFunction {
  return i18next.getFixedT(language)
}

export async function getT(request: Request): Promise<TFunction> {
  return fixedT(await getLanguage(request))
}

// One instance per rendered page, so that concurrent requests in different languages never mix.
export async function createRenderInstance(language: Language): Promise<i18n> {
  const instance = createInstance()
  await instance.use(initReactI18next).init({ ...i18nOptions, resources, lng: language, initImmediate: false })
  return instance
}
