import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError, FieldErrorText } from '~/components/ui/field'
import { FEED_CONFIRM_TTL_HOURS, listFeedTopics, requestFeedSubscription } from '~/lib/consent/feed.server'
import { formatDate } from '~/lib/domain/format'
import { getLanguage } from '~/lib/platform/i18n.server'
import { hit, keyed, type Limit } from '~/lib/platform/rate-limit.server'
import { getPurposes } from '~/lib/registry/registry.server'
import { email, parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Comment feed · Privacy Portal' }]

// Each request sends an email: limited per connection and per address so the form cannot be used to flood an inbox.
const SUBSCRIBE_PER_CLIENT: Limit = { bucket: 'feed-subscribe-client', max: 20, windowSeconds: 3600 }
const SUBSCRIBE_PER_EMAIL: Limit = { bucket: 'feed-subscribe-email', max: 5, windowSeconds: 3600 }

// Public: people without an account subscribe too.
export async function loader({ context }: LoaderFunctionArgs) {
  const [topics, purposes] = await Promise.all([listFeedTopics(), getPurposes()])
  const purpose = purposes.find((p) => p.slug === 'comment_feed')
  if (!purpose) throw new Error('The registry lacks the comment_feed purpose: run the seed.')
  return {
    accountEmail: context.auth?.user.email ?? null,
    purpose: { name: purpose.name, description: purpose.description, retention: `${purpose.retention.name}. ${purpose.retention.description}` },
    topics: topics.map((t) => ({ id: t.id, title: t.title ?? '', comments: t.comments, lastActivity: formatDate(t.lastActivityAt) })),
    confirmHours: FEED_CONFIRM_TTL_HOURS,
  }
}

const SubscribeSchema = z.object({
  thread: z.string({ required_error: 'Choose a topic.' }).regex(/^[1-9]\d{0,15}$/, 'Choose a topic from the list.').transform(Number),
  email,
  consent: z.literal('on', { errorMap: () => ({ message: 'Tick the box to agree to receiving the comments by email.' }) }),
})

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const form = parseForm(SubscribeSchema, formData)
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 })
  if ((await hit(SUBSCRIBE_PER_CLIENT, context.clientKey)) || (await hit(SUBSCRIBE_PER_EMAIL, keyed('feed-email', form.data.email)))) {
    return data({ errors: { form: 'Too many subscription requests in a short time. Please try again in an hour.' }, values: { email: form.data.email, thread: String(form.data.thread) } }, { status: 429 })
  }
  const user = context.auth?.user.role === 'customer' ? context.auth.user : null
  // the account is linked only when the subscription goes to the account's own address
  const userId = user && user.email.toLowerCase() === form.data.email ? user.id : null
  const result = await requestFeedSubscription({ threadId: form.data.thread, email: form.data.email, userId, language: await getLanguage(request) })
  if (!result.ok) return data({ errors: { thread: 'Choose a topic from the list.' }, values: { email: form.data.email } }, { status: 400 })
  return redirect('/feed?requested=1')
}

export default function Feed() {
  const { accountEmail, purpose, topics, confirmHours } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const errors: Record<string, string | undefined> = actionData?.errors ?? {}
  const values: Record<string, string | undefined> = actionData?.values ?? {}
  return (
    <section>
      <h1>{purpose.name}</h1>
      <p>{purpose.description}</p>
      <p className="muted">
        <strong>How long:</strong> {purpose.retention}
      </p>
      {params.get('requested') === '1' ? (
        <p className="notice notice-ok" role="status">
          Check your inbox: we sent a link to confirm the subscription. It works for {confirmHours} hours; until you follow it we
          send you nothing else.
        </p>
      ) : null}
      <Form method="post" className="stack card" noValidate>
        <FormError error={errors.form} />
        <div className="field">
          <label htmlFor="field-thread">Topic</label>
          <select
            id="field-thread"
            name="thread"
            defaultValue={values.thread ?? ''}
            aria-invalid={errors.thread ? true : undefined}
            aria-describedby={errors.thread ? 'field-thread-error' : undefined}
          >
            <option value="" disabled>
              Choose a forum thread
            </option>
            {topics.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title} ({t.comments} comments, last {t.lastActivity})
              </option>
            ))}
          </select>
          {errors.thread ? <FieldErrorText id="field-thread-error" message={errors.thread} /> : null}
        </div>
        <Field label="Email address" name="email" type="email" autoComplete="email" defaultValue={values.email ?? accountEmail ?? undefined} error={errors.email} maxLength={254} required />
        <Field
          label={<>I agree to receive new comments on this topic by email ({purpose.name}). I can unsubscribe with one click from every email.</>}
          name="consent"
          type="checkbox"
          error={errors.consent}
        />
        <button type="submit">Subscribe</button>
      </Form>
    </section>
  )
}
