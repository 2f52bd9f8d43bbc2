import { Link } from '@remix-run/react'

// The token of a feed link, as sent; tokens.server.ts decides whether it is one of ours.
export function feedTokenOf(request: Request) {
  return new URL(request.url).searchParams.get('token')
}

const MESSAGES = {
  confirm: {
    invalid: 'This confirmation link is not valid. Copy the whole link from the email, or subscribe again.',
    expired: 'This confirmation link has expired. Subscribe again to get a new one.',
    used: 'This link was already used, or the subscription no longer exists. Nothing more to do.',
  },
  unsubscribe: {
    invalid: 'This unsubscribe link is not valid. Copy the whole link from the email, or log in and withdraw your consent under “Your consents”.',
    expired: 'This unsubscribe link has expired. Use the link in a newer email, or log in and withdraw your consent under “Your consents”.',
    used: 'This link was already used: you are unsubscribed, and the subscription no longer exists. Nothing more to do.',
  },
}

export function FeedLinkProblem({ reason, purpose }: { reason: 'invalid' | 'expired' | 'used'; purpose: 'confirm' | 'unsubscribe' }) {
  return (
    <>
      <p className="notice notice-error" role="alert">
        {MESSAGES[purpose][reason]}
      </p>
      <p>
        <Link to="/feed">Go to the comment feed</Link>
      </p>
    </>
  )
}
