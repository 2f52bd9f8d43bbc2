import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

// The token of a feed link, as sent; tokens.server.ts decides whether it is one of ours.
export function feedTokenOf(request: Request) {
  return new URL(request.url).searchParams.get('token')
}

// What went wrong with a link from a feed email, in words (an explicit list, so the catalogue check sees the keys).
const MESSAGES = {
  confirm: {
    invalid: 'consent:feedLink.confirm.invalid',
    expired: 'consent:feedLink.confirm.expired',
    used: 'consent:feedLink.confirm.used',
  },
  unsubscribe: {
    invalid: 'consent:feedLink.unsubscribe.invalid',
    expired: 'consent:feedLink.unsubscribe.expired',
    used: 'consent:feedLink.unsubscribe.used',
  },
}

export function FeedLinkProblem({ reason, purpose }: { reason: 'invalid' | 'expired' | 'used'; purpose: 'confirm' | 'unsubscribe' }) {
  const { t } = useTranslation()
  return (
    <>
      <p className="notice notice-error" role="alert">
        {t(MESSAGES[purpose][reason])}
      </p>
      <p>
        <Link to="/feed">{t('consent:feedLink.goToFeed')}</Link>
      </p>
    </>
  )
}
