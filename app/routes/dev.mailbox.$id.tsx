import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import i18next from 'i18next'
import { languageOf } from '~/i18n/translate'
import { formatDateTime } from '~/lib/domain/format'
import { getLanguage } from '~/lib/platform/i18n.server'
import { OUTBOX_STATUS_KEYS, requireDevMailbox, requireOutboxMessage } from '~/lib/platform/mailbox.server'

// "<the email's subject> · Mailbox · <brand>"; "Message" where the email is written in another language than the page
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const language = languageOf(matches)
  const t = i18next.getFixedT(language)
  const subject = data && data.message.language === language ? data.message.subject : t('common:mailbox.message')
  return [{ title: `${subject} · ${t('common:mailbox.title')} · ${t('common:brand')}` }]
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireDevMailbox()
  const language = await getLanguage(request)
  const message = await requireOutboxMessage(params.id)
  const time = (value: Date | string | null) => (value ? { iso: new Date(value).toISOString(), text: formatDateTime(value, language) } : null)
  return { message, statusKey: OUTBOX_STATUS_KEYS[message.status], created: time(message.createdAt)!, sent: time(message.sentAt) }
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

function Fact({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  )
}

function Time({ value }: { value: { iso: string; text: string } }) {
  return <time dateTime={value.iso}>{value.text}</time>
}

export default function MailboxMessage() {
  const { message, statusKey, created, sent } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const { search } = useLocation()
  return (
    <article className="mailbox-message">
      <p>
        <Link to={`/dev/mailbox${search}`}>{t('common:mailbox.back')}</Link>
      </p>
      {/* the email's own words, in its recipient's language */}
      <h1 lang={message.language ?? undefined}>{message.subject}</h1>
      <dl className="facts">
        <Fact label={t('common:mailbox.to')}>{message.toAddress}</Fact>
        <Fact label={t('common:mailbox.subject')}>
          <span lang={message.language ?? undefined}>{message.subject}</span>
        </Fact>
        {/* the email's own headers (List-Unsubscribe, ...), named as the mail client reads them */}
        {Object.entries(message.headers).map(([name, value]) => (
          <Fact key={name} label={<code>{name}</code>}>
            {value}
          </Fact>
        ))}
        <Fact label={t('common:mailbox.template')}>
          <code>{message.template}</code>
        </Fact>
        <Fact label={t('common:mailbox.status')}>
          <span className={`status status-${message.status}`}>{t(statusKey)}</span>
        </Fact>
        <Fact label={t('common:mailbox.created')}>
          <Time value={created} />
        </Fact>
        {sent ? (
          <Fact label={t('common:mailbox.sent')}>
            <Time value={sent} />
          </Fact>
        ) : null}
        <Fact label={t('common:mailbox.attempts')}>{message.attempts}</Fact>
        {/* the mail server's own words */}
        {message.lastError ? (
          <Fact label={t('common:mailbox.lastError')}>
            <span lang="en">{message.lastError}</span>
          </Fact>
        ) : null}
      </dl>
      <p>
        {/* a resource route, so a full document load rather than a client-side navigation */}
        <a href={`/dev/mailbox/${message.id}/html`}>{t('common:mailbox.viewHtml')}</a>
      </p>
      <pre className="mail-body" lang={message.language ?? undefined}>
        {linkify(message.text)}
      </pre>
    </article>
  )
}
