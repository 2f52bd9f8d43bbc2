import { Form, useLocation } from '@remix-run/react'

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
  return (
    <ul className="cookie-categories">
      {categories.map((c) => (
        <li key={c.category} className="cookie-category">
          {c.category === 'necessary' ? (
            <p className="cookie-category-head">
              <strong>{c.name}</strong> <span className="tag">Always on</span>
            </p>
          ) : (
            <div className="field-check cookie-category-head">
              <input id={`cookie-${c.category}`} type="checkbox" name={c.category} value="on" defaultChecked={checked.includes(c.category)} />
              <label htmlFor={`cookie-${c.category}`}>{c.name}</label>
            </div>
          )}
          <details>
            <summary>What this is and who provides it</summary>
            <p>{c.description}</p>
            <dl className="facts">
              <dt>Legal basis</dt>
              <dd>{c.legalBasis}</dd>
              <dt>How long</dt>
              <dd>{c.retention}</dd>
              <dt>Services</dt>
              <dd>
                {c.recipients.length === 0
                  ? 'Our own, set by this site only.'
                  : c.recipients.map((r) => (
                      <span key={r.name} className="cookie-service">
                        {r.name}: {r.service}
                        {r.country ? ` (${r.country})` : null}
                        {r.privacyUrl ? (
                          <>
                            {' '}
                            <a href={r.privacyUrl} rel="noreferrer noopener" target="_blank">
                              {r.name}'s privacy information
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

// "Reject all" and "Accept all" look alike on purpose: refusing must be as easy as agreeing.
export function CookieChoiceButtons() {
  return (
    <div className="cookie-actions">
      <button type="submit" name="intent" value="accept-all" className="cookie-choice">
        Accept all
      </button>
      <button type="submit" name="intent" value="reject-all" className="cookie-choice">
        Reject all
      </button>
      <button type="submit" name="intent" value="save" className="cookie-choice">
        Allow selection
      </button>
    </div>
  )
}

export function GpcNotice() {
  return (
    <p className="notice">
      Your browser sends a Global Privacy Control signal, so analytics and marketing are off and we recorded that as your
      choice. "Accept all" leaves them off; tick them one by one below only if you want them anyway.
    </p>
  )
}

/**
 * Shown on every page until the browser has chosen under the current cookie notice. A plain form posting
 * to /cookies, so accepting or rejecting works without JavaScript too; reloadDocument so that the page
 * after the choice is a new document whose CSP follows it (decision 061).
 */
export function CookieBanner({ gpc, categories }: { gpc: boolean; categories: CookieCategoryView[] }) {
  const location = useLocation()
  return (
    <section className="cookie-banner" aria-labelledby="cookie-banner-title">
      <h2 id="cookie-banner-title">Cookies on this site</h2>
      <p>
        We set only the cookies this site cannot work without, unless you allow more. Nothing below is switched on until you
        choose, and you can change your mind at any time with the "Cookie settings" link at the bottom of every page.
      </p>
      {gpc ? <GpcNotice /> : null}
      <Form method="post" action="/cookies" reloadDocument>
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <CookieCategoryList categories={categories} />
        <CookieChoiceButtons />
      </Form>
    </section>
  )
}
