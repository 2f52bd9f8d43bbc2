import type { ReactNode } from 'react'
import { Form, Link } from '@remix-run/react'
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

type FeedLinkPurpose = 'confirm' | 'unsubscribe'
type FeedLinkReason = 'invalid' | 'expired' | 'used'

export function FeedLinkProblem({ reason, purpose }: { reason: FeedLinkReason; purpose: FeedLinkPurpose }) {
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

const PAGE_WORDS = {
  confirm: { title: 'consent:feedConfirm.title', doneTitle: 'consent:feedConfirm.confirmedTitle', prompt: 'consent:feedConfirm.prompt', button: 'consent:feedConfirm.button' },
  unsubscribe: { title: 'consent:unsubscribe.title', doneTitle: 'consent:unsubscribe.doneTitle', prompt: 'consent:unsubscribe.prompt', button: 'consent:unsubscribe.button' },
}

/**
 * The page a link from a feed email opens: what is wrong with the link, or one button that acts on it (opening the
 * link changes nothing, since mail scanners open links too), and after the button `done`.
 */
export function FeedLinkPage({ purpose, problem, token, done }: { purpose: FeedLinkPurpose; problem: FeedLinkReason | null; token: string | null; done: ReactNode }) {
  const { t } = useTranslation()
  const words = PAGE_WORDS[purpose]
  if (done) {
    return (
      <section>
        <h1>{t(words.doneTitle)}</h1>
        {done}
      </section>
    )
  }
  return (
    <section>
      <h1>{t(words.title)}</h1>
      {problem ? (
        <FeedLinkProblem reason={problem} purpose={purpose} />
      ) : (
        <Form method="post" action={`?token=${encodeURIComponent(token ?? '')}`} className="card">
          <p>{t(words.prompt)}</p>
          <button type="submit">{t(words.button)}</button>
        </Form>
      )}
    </section>
  )
}
