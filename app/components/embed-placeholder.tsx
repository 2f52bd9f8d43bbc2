import { Form, Link, useLocation } from '@remix-run/react'
import { Trans, useTranslation } from 'react-i18next'
import { EMBED_PROVIDERS, type EmbedProvider } from '~/lib/domain/embeds'

export interface EmbedPurpose {
  name: string
  description: string
  recipients: { name: string }[]
}

interface EmbedProps {
  provider: EmbedProvider
  /** the address for a map, the video id for YouTube */
  target: string
  title: string
  /** allowedCookieCategories(request).has('external_media'), decided by the server */
  allowed: boolean
  /** the external_media purpose from the registry, in the page's language: what loading tells whom */
  purpose: EmbedPurpose
}

// Each kind of embed in words (German nouns have genders, so a sentence per kind).
const WORDS = {
  map: { comesFrom: 'consent:embed.map.comesFrom', allow: 'consent:embed.map.allow' },
  video: { comesFrom: 'consent:embed.video.comesFrom', allow: 'consent:embed.video.allow' },
} as const

/**
 * External media (YouTube, Google Maps) loads only after the browser allowed it. Until then a placeholder
 * says what loading would send to whom; its button records the consent and reloads the page, so the new
 * CSP that permits the frame applies. Nothing is requested from the provider before.
 */
export function EmbedPlaceholder({ provider, target, title, allowed, purpose }: EmbedProps) {
  const location = useLocation()
  const { t } = useTranslation()
  const { kind, src } = EMBED_PROVIDERS[provider]
  if (allowed) {
    return (
      <div className="embed">
        <iframe className="embed-frame" src={src(target)} title={title} loading="lazy" referrerPolicy="no-referrer" sandbox="allow-scripts allow-same-origin allow-popups" />
        <p className="muted">
          {t('consent:embed.loaded')} <Link to="/cookies">{t('consent:embed.settings')}</Link>
        </p>
      </div>
    )
  }
  const providers = purpose.recipients.map((r) => r.name).join(', ')
  return (
    <div className="embed-placeholder" role="group" aria-label={t('consent:embed.notLoaded', { title })}>
      <p>
        <strong>{title}</strong>
      </p>
      <p>
        {t(WORDS[kind].comesFrom, { providers })} {purpose.description}
      </p>
      <Form method="post" action="/cookies" reloadDocument>
        <input type="hidden" name="intent" value="allow-category" />
        <input type="hidden" name="category" value="external_media" />
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <button type="submit">{t(WORDS[kind].allow)}</button>
      </Form>
      <p className="muted">
        <Trans i18nKey="consent:embed.withdrawHint" components={{ a: <Link to="/cookies" /> }} />
      </p>
    </div>
  )
}
