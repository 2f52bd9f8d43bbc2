import { Form, Link, useLocation } from '@remix-run/react'
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
  /** the external_media purpose from the registry: what loading tells whom */
  purpose: EmbedPurpose
}

/**
 * External media (YouTube, Google Maps) loads only after the browser allowed it. Until then a placeholder
 * says what loading would send to whom; its button records the consent and reloads the page, so the new
 * CSP that permits the frame applies. Nothing is requested from the provider before.
 */
export function EmbedPlaceholder({ provider, target, title, allowed, purpose }: EmbedProps) {
  const location = useLocation()
  const { kind, src } = EMBED_PROVIDERS[provider]
  if (allowed) {
    return (
      <div className="embed">
        <iframe className="embed-frame" src={src(target)} title={title} loading="lazy" referrerPolicy="no-referrer" sandbox="allow-scripts allow-same-origin allow-popups" />
        <p className="muted">
          Loaded because you allowed external media. <Link to="/cookies">Cookie settings</Link>
        </p>
      </div>
    )
  }
  const providers = purpose.recipients.map((r) => r.name).join(', ')
  return (
    <div className="embed-placeholder" role="group" aria-label={`${title} (not loaded)`}>
      <p>
        <strong>{title}</strong>
      </p>
      <p>
        This {kind} comes from {providers} and is not loaded yet. {purpose.description}
      </p>
      <Form method="post" action="/cookies" reloadDocument>
        <input type="hidden" name="intent" value="allow-category" />
        <input type="hidden" name="category" value="external_media" />
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <button type="submit">Allow external media and load the {kind}</button>
      </Form>
      <p className="muted">
        You can withdraw this at any time in the <Link to="/cookies">cookie settings</Link>.
      </p>
    </div>
  )
}
