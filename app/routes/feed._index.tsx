import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { checkboxProps, fieldProps, initialText } from '~/components/ui/conform'
import { Field, FormError, SelectField } from '~/components/ui/field'
import { msg, pageTitle } from '~/i18n/translate'
import { FEED_CONFIRM_TTL_HOURS, listFeedTopics, requestFeedSubscription } from '~/lib/consent/feed.server'
import { formatDate } from '~/lib/domain/format'
import { getLanguage } from '~/lib/platform/i18n.server'
import { hit, keyed, type Limit } from '~/lib/platform/rate-limit.server'
import { redirectWithToast } from '~/lib/platform/toast.server'
import { getPurposes } from '~/lib/registry/registry.server'
import { email } from '~/lib/domain/validation/form'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'consent:feed.metaTitle')

// Each request sends an email: limited per connection and per address so the form cannot be used to flood an inbox.
const SUBSCRIBE_PER_CLIENT: Limit = { bucket: 'feed-subscribe-client', max: 20, windowSeconds: 3600 }
const SUBSCRIBE_PER_EMAIL: Limit = { bucket: 'feed-subscribe-email', max: 5, windowSeconds: 3600 }

// Public: people without an account subscribe too.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await getLanguage(request)
  const [topics, purposes] = await Promise.all([listFeedTopics(), getPurposes({ language })])
  const purpose = purposes.find((p) => p.slug === 'comment_feed')
  if (!purpose) throw new Error('The registry lacks the comment_feed purpose: run the seed.')
  return {
    accountEmail: context.auth?.user.email ?? null,
    purpose: { name: purpose.name, description: purpose.description, retention: `${purpose.retention.name}. ${purpose.retention.description}` },
    topics: topics.map((t) => ({ id: t.id, title: t.title ?? '', comments: t.comments, lastActivity: formatDate(t.lastActivityAt, language) })),
  }
}

const CHOOSE_TOPIC = msg('consent:feed.errors.chooseTopic')

const SubscribeSchema = z.object({
  thread: z.string({ required_error: CHOOSE_TOPIC }).regex(/^[1-9]\d{0,15}$/, CHOOSE_TOPIC).transform(Number),
  email,
  consent: z.literal('on', { errorMap: () => ({ message: msg('consent:feed.errors.consent') }) }),
})

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const submission = parseWithZod(formData, { schema: SubscribeSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const { thread, email: address } = submission.value
  if ((await hit(SUBSCRIBE_PER_CLIENT, context.clientKey)) || (await hit(SUBSCRIBE_PER_EMAIL, keyed('feed-email', address)))) {
    return data({ result: submission.reply({ formErrors: [msg('consent:feed.errors.tooMany')] }) }, { status: 429 })
  }
  const user = context.auth?.user.role === 'customer' ? context.auth.user : null
  // the account is linked only when the subscription goes to the account's own address
  const userId = user && user.email.toLowerCase() === address ? user.id : null
  // every email of this subscription is written in the page's language
  const result = await requestFeedSubscription({ threadId: thread, email: address, userId, language: await getLanguage(request) })
  if (!result.ok) return data({ result: submission.reply({ fieldErrors: { thread: [CHOOSE_TOPIC] } }) }, { status: 400 })
  return redirectWithToast('/feed', 'consent:feed.requested', { count: FEED_CONFIRM_TTL_HOURS })
}

export default function Feed() {
  const { accountEmail, purpose, topics } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'feed-subscribe',
    lastResult: actionData?.result,
    defaultValue: { email: accountEmail ?? '', thread: '' },
    constraint: getZodConstraint(SubscribeSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SubscribeSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const options = [
    { value: '', label: t('consent:feed.chooseThread') },
    ...topics.map((topic) => ({ value: String(topic.id), label: t('consent:feed.topicOption', { title: topic.title, count: topic.comments, date: topic.lastActivity }) })),
  ]
  return (
    <section className="consent-page">
      <h1>{purpose.name}</h1>
      <p>{purpose.description}</p>
      <p className="muted">
        <strong>{t('consent:feed.howLong')}</strong> {purpose.retention}
      </p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <SelectField
          label={t('consent:feed.topic')}
          options={options}
          {...fieldProps(fields.thread)}
          defaultValue={initialText(fields.thread) ?? ''}
        />
        <Field
          label={t('consent:feed.email')}
          type="email"
          autoComplete="email"
          {...fieldProps(fields.email)}
        />
        <Field
          label={t('consent:feed.consent', { purpose: purpose.name })}
          type="checkbox"
          {...checkboxProps(fields.consent)}
        />
        <button type="submit">{t('consent:feed.subscribe')}</button>
      </Form>
    </section>
  )
}
