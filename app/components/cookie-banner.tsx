import { Form, Link, useLocation } from '@remix-run/react'
import { Trans, useTranslation } from 'react-i18next'

// What the banner and the settings page show of a category; names and texts come from the registry in the page's language.
export interface CookieCategoryView {
  category: 'necessary' | 'analytics' | 'marketing' | 'external_media'
  name: string
  description: string
  legalBasis: string
  retention: string
  recipients: { name: string; service: string; country: string | null; privacyUrl: string | null }[]
}

// The categories with their services; the necessary one is explained and always on, the others start unticked
// unless `checked` (the browser's own earlier choice, on the settings page) says otherwise.
export function CookieCategoryList({ categories, checked = [] }: { categories: CookieCategoryView[]; checked?: readonly string[] }) {
  const { t } = useTranslation()
  return (
    <ul className="cookie-categories">
      {categories.map((c) => (
        <li key={c.category} className="cookie-category">
          {c.category === 'necessary' ? (
            <p className="cookie-category-head">
              <strong>{c.name}</strong> <span className="tag">{t('consent:categories.alwaysOn')}</span>
            </p>
          ) : (
            <div className="field-check cookie-category-head">
              <input id={`cookie-${c.category}`} type="checkbox" name={c.category} value="on" defaultChecked={checked.includes(c.category)} />
              <label htmlFor={`cookie-${c.category}`}>{c.name}</label>
            </div>
          )}
          <details>
            <summary>{t('consent:categories.details')}</summary>
            <p>{c.description}</p>
            <dl className="facts facts-stack">
              <dt>{t('consent:categories.legalBasis')}</dt>
              <dd>{c.legalBasis}</dd>
              <dt>{t('consent:categories.howLong')}</dt>
              <dd>{c.retention}</dd>
              <dt>{t('consent:categories.services')}</dt>
              <dd>
                {c.recipients.length === 0
                  ? t('consent:categories.ownOnly')
                  : c.recipients.map((r) => (
                      <span key={r.name} className="cookie-service">
                        {r.name}: {r.service}
                        {r.country ? ` (${r.country})` : null}
                        {r.privacyUrl ? (
                          <>
                            {' '}
                            <a href={r.privacyUrl} rel="noreferrer noopener" target="_blank">
                              {t('consent:categories.privacyInfo', { name: r.name })}
                            </a>
                          </>
                        ) : null}
                      </span>
                    ))}
              </dd>
            </dl>
          </details>
        </li>
      ))}
    </ul>
  )
}

// "Reject all" and "Accept all" look alike on purpose: refusing must be as easy as agreeing. A fragment, so the
// banner can place them in its own grid.
function AcceptAndRejectButtons() {
  const { t } = useTranslation()
  return (
    <>
      <button type="submit" name="intent" value="accept-all" className="cookie-choice">
        {t('consent:choice.acceptAll')}
      </button>
      <button type="submit" name="intent" value="reject-all" className="cookie-choice">
        {t('consent:choice.rejectAll')}
      </button>
    </>
  )
}

export function CookieChoiceButtons() {
  const { t } = useTranslation()
  return (
    <div className="cookie-actions">
      <AcceptAndRejectButtons />
      <button type="submit" name="intent" value="save" className="cookie-choice">
        {t('consent:choice.save')}
      </button>
    </div>
  )
}

export function GpcNotice() {
  const { t } = useTranslation()
  return <p className="notice">{t('consent:gpcNotice')}</p>
}

/**
 * Shown on every page until the browser has chosen under the current cookie notice. A plain form posting
 * to /cookies, so accepting or rejecting works without JavaScript too; reloadDocument so that the page
 * after the choice is a new document whose CSP follows it (decision 061).
 *
 * Two layers (decision 097), so that a phone still shows the page the visitor came for: the first names what
 * is asked (the registry's category names), links to the cookie notice and offers three equal actions;
 * "Settings" is a <details> that opens the per-category choice in place, keyboard-operable and without
 * JavaScript. It is the third item of the actions' grid (display: contents), its panel spans the row below.
 */
export function CookieBanner({ gpc, categories }: { gpc: boolean; categories: CookieCategoryView[] }) {
  const location = useLocation()
  const { t, i18n } = useTranslation()
  const asked = new Intl.ListFormat(i18n.language, { style: 'long', type: 'conjunction' }).format(
    categories.filter((c) => c.category !== 'necessary').map((c) => c.name),
  )
  return (
    <section className="cookie-banner" aria-labelledby="cookie-banner-title">
      <h2 id="cookie-banner-title">{t('consent:banner.title')}</h2>
      <p>
        <Trans i18nKey="consent:banner.ask" values={{ categories: asked }} components={{ a: <Link to="/cookies" /> }} />
      </p>
      {gpc ? <p className="notice">{t('consent:banner.gpc')}</p> : null}
      <Form method="post" action="/cookies" reloadDocument className="cookie-banner-form">
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <AcceptAndRejectButtons />
        <details className="cookie-settings">
          <summary className="cookie-choice">{t('consent:banner.settings')}</summary>
          <div className="cookie-settings-panel">
            <CookieCategoryList categories={categories} />
            <button type="submit" name="intent" value="save" className="cookie-choice">
              {t('consent:choice.save')}
            </button>
          </div>
        </details>
      </Form>
    </section>
  )
}
