import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { FALLBACK_LANGUAGE, i18nOptions, isLanguage } from '~/i18n/config'
import { loadCatalogue } from '~/i18n/load-catalogue'

async function hydrate() {
  // the server rendered the page in <html lang>; the browser loads that language's catalogue only
  const lang = document.documentElement.lang
  const language = isLanguage(lang) ? lang : FALLBACK_LANGUAGE
  await i18next.use(initReactI18next).init({ ...i18nOptions, lng: language, resources: { [language]: await loadCatalogue(language) } })
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    )
  })
}

void hydrate()
