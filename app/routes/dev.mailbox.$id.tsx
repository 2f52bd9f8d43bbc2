import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { formatDateTime } from '~/lib/domain/format'
import { requireDevMailbox, requireOutboxMessage } from '~/lib/platform/mailbox.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.message.subject ?? 'Message'} · Mailbox · Privacy Portal` },
]

export async function loader({ params }: LoaderFunctionArgs) {
  requireDevMailbox()
  return { message: await requireOutboxMessage(params.id) }
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/g
// Sentence punctuation right after a URL belongs to the sentence, not the link.
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/

function linkify(text: string): ReactNode[] {
  const parts: ReactNode[] = []
  let last = 0
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '')
    const start = match.index
    parts.push(
      text.slice(last, start),
      <a key={start} href={url}>
        {url}
      </a>,
    )
    last = start + url.length
  }
  parts.push(text.slice(last))
  return parts
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  )
}

function Time({ value }: { value: Date | string }) {
  return <time dateTime={new Date(value).toISOString()}>{formatDateTime(value)}</time>
}

export default function MailboxMessage() {
  const { message } = useLoaderData<typeof loader>()
  const { search } = useLocation()
  return (
    <article className="mailbox-message">
      <p>
        <Link to={`/dev/mailbox${search}`}>Back to the mailbox</Link>
      </p>
      <h1>{message.subject}</h1>
      <dl className="facts">
        <Fact label="To">{message.toAddress}</Fact>
        <Fact label="Subject">{message.subject}</Fact>
        {Object.entries(message.headers).map(([name, value]) => (
          <Fact key={name} label={name}>
            {value}
          </Fact>
        ))}
        <Fact label="Template">{message.template}</Fact>
        <Fact label="Status">
          <span className={`status status-${message.status}`}>{message.status}</span>
        </Fact>
        <Fact label="Created">
          <Time value={message.createdAt} />
        </Fact>
        {message.sentAt ? (
          <Fact label="Sent">
            <Time value={message.sentAt} />
          </Fact>
        ) : null}
        <Fact label="Delivery attempts">{message.attempts}</Fact>
        {message.lastError ? <Fact label="Last error">{message.lastError}</Fact> : null}
      </dl>
      <p>
        {/* a resource route, so a full document load rather than a client-side navigation */}
        <a href={`/dev/mailbox/${message.id}/html`}>View the HTML version</a>
      </p>
      <pre className="mail-body">{linkify(message.text)}</pre>
    </article>
  )
}
