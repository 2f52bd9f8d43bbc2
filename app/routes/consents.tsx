import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Trans, useTranslation } from 'react-i18next'
import { z } from 'zod'
import { fieldProps } from '~/components/ui/conform'
import { Field, FormError } from '~/components/ui/field'
import { GpcHonoured } from '~/components/gpc-status'
import { msg, pageTitle } from '~/i18n/translate'
import { requireCustomer } from '~/lib/platform/auth.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { redirectWithToast } from '~/lib/platform/toast.server'
import { countCommunityData } from '~/lib/erasure/community.server'
import { previewCategoryErasure } from '~/lib/erasure/erasure.server'
import { confirmPassword } from '~/lib/platform/reauth.server'
import {
  CONSENT_METHOD_KEYS,
  giveCustomerConsent,
  isCookieCategory,
  latestConsents,
  latestConsentsOfVisitor,
  type LatestConsent,
  listConsentPurposes,
  withdrawCustomerConsent,
} from '~/lib/consent/consent.server'
import { readCookieConsent, saveCookieChoice } from '~/lib/consent/cookie-consent.server'
import { ERASURE_MODES } from '~/lib/domain/erasure'
import { formatDateTime } from '~/lib/domain/format'
import { purposesNeedingReconsent } from '~/lib/policy/policy.server'
import { currentPassword, intentOf } from '~/lib/domain/validation/form'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'consent:consents.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const owner = { userId: user.id, email: user.email }
  const language = await getLanguage(request)
  const cookieState = await readCookieConsent(request)
  const [purposes, latest, ofBrowser, counts, reconsent] = await Promise.all([
    listConsentPurposes({ language }),
    latestConsents(owner),
    cookieState.visitorId ? latestConsentsOfVisitor(cookieState.visitorId) : Promise.resolve(new Map<string, LatestConsent>()),
    countCommunityData(owner),
    purposesNeedingReconsent({ userId: user.id }),
  ])
  // "withdraw and delete my posts" first shows what goes, and asks for the password (decision 052)
  const forumDelete =
    new URL(request.url).searchParams.get('withdraw') === FORUM_DELETE_STEP && latest.get('forum')?.action === 'given'
      ? await previewCategoryErasure({ userId: user.id, categorySlug: 'forum_posts', language })
      : null
  return {
    counts,
    forumDelete: forumDelete ? { posts: forumDelete.count, othersComments: forumDelete.othersComments } : null,
    gpc: cookieState.gpc,
    purposes: purposes.map((p) => {
      const category = isCookieCategory(p.cookieCategory) ? p.cookieCategory : null
      const cookie = category !== null
      // cookies are a choice per browser: what this browser allows now; everything else is the account's latest row
      const row = cookie ? ofBrowser.get(p.slug) : latest.get(p.slug)
      const given = category ? cookieState.allowed.has(category) : row?.action === 'given'
      const state: 'given' | 'withdrawn' | 'none' = given ? 'given' : row && (!cookie || cookieState.decided) ? 'withdrawn' : 'none'
      const shown = row && state !== 'none' ? row : null
      return {
        slug: p.slug,
        name: p.name,
        description: p.description,
        legalBasis: p.legalBasis.article,
        recipients: p.recipients.map((r) => r.name),
        cookie,
        state,
        since: shown ? formatDateTime(shown.createdAt, language) : null,
        // a catalogue key: how the choice was made, in words
        how: shown ? CONSENT_METHOD_KEYS[shown.method] : null,
        version: shown?.policyVersion ?? null,
        needsReconsent: reconsent.some((r) => r.slug === p.slug),
      }
    }),
  }
}

// The buttons of each purpose: which purpose, give or withdraw, and for the forum what happens to the posts.
const ConsentSchema = z.object({
  intent: z.enum(['withdraw', 'give']),
  purpose: z.string({ required_error: msg('consent:consents.errors.unknownPurpose') }).max(64, msg('consent:consents.errors.unknownPurpose')),
  forumChoice: z.enum(ERASURE_MODES, { errorMap: () => ({ message: msg('consent:consents.errors.chooseForum') }) }).optional(),
  password: z.string().max(128).optional(),
})

// The confirmation step of "withdraw and delete my posts": the password, as for an erasure.
const ForumDeleteSchema = z.object({
  intent: z.literal('withdraw'),
  purpose: z.literal('forum'),
  forumChoice: z.literal('delete'),
  password: currentPassword,
})

// the query value that opens the confirmation step of "withdraw and delete my posts"
const FORUM_DELETE_STEP = 'forum-delete'

// Why the password step refused, in words.
const PASSWORD_PROBLEMS: Record<'logged_out' | 'locked' | 'wrong', string> = {
  logged_out: 'consent:consents.password.logged_out',
  locked: 'consent:consents.password.locked',
  wrong: 'consent:consents.password.wrong',
}

type ActionData = { error?: string; result?: SubmissionResult<string[]> }

const refuse = (error: string) => data<ActionData>({ error: msg(error) }, { status: 400 })

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  if (!['withdraw', 'give'].includes(intentOf(formData))) return refuse('consent:consents.errors.unknownAction')
  const submission = parseWithZod(formData, { schema: ConsentSchema })
  if (submission.status !== 'success') {
    return refuse(submission.error?.forumChoice ? 'consent:consents.errors.chooseForum' : 'consent:consents.errors.unknownPurpose')
  }
  const { intent, purpose, forumChoice } = submission.value
  const language = await getLanguage(request)
  const target = (await listConsentPurposes({ language })).find((p) => p.slug === purpose)
  if (!target) return refuse('consent:consents.errors.unknownPurpose')
  const outcome = intent === 'give' ? 'consent:consents.given' : 'consent:consents.withdrawn'

  if (isCookieCategory(target.cookieCategory)) {
    const setCookies = await saveCookieChoice({
      request,
      userId: user.id,
      method: 'settings_toggle',
      allowed: intent === 'give' ? [target.cookieCategory] : [],
      covers: [target.cookieCategory],
    })
    const headers = new Headers()
    for (const cookie of setCookies) headers.append('Set-Cookie', cookie)
    return redirectWithToast('/consents', outcome, { purpose: target.name }, { headers })
  }

  switch (intent) {
    case 'withdraw': {
      if (target.slug === 'forum' && !forumChoice) return refuse('consent:consents.errors.chooseForum')
      if (target.slug === 'forum' && forumChoice === 'delete') {
        // deleting every post is not undone by giving consent again: the password first, as for an erasure
        const confirmation = parseWithZod(formData, { schema: ForumDeleteSchema })
        if (confirmation.status !== 'success') return data<ActionData>({ result: confirmation.reply({ hideFields: ['password'] }) }, { status: 400 })
        const check = await confirmPassword(context, confirmation.value.password)
        if (!check.ok) {
          return data<ActionData>({ result: confirmation.reply({ fieldErrors: { password: [msg(PASSWORD_PROBLEMS[check.reason])] }, hideFields: ['password'] }) }, { status: 400 })
        }
      }
      await withdrawCustomerConsent({ userId: user.id, email: user.email, purpose: target.slug, forumChoice })
      return redirectWithToast('/consents', outcome, { purpose: target.name })
    }
    case 'give': {
      // a subscription is consented to by the confirmation link, never by a toggle (double opt-in)
      if (target.slug === 'comment_feed') return refuse('consent:consents.errors.feedByLink')
      await giveCustomerConsent({ userId: user.id, purpose: target.slug })
      return redirectWithToast('/consents', outcome, { purpose: target.name })
    }
  }
}

function ConsentState({ p }: { p: { state: string; since: string | null; how: string | null; version: string | null; cookie: boolean } }) {
  const { t } = useTranslation()
  const state =
    p.state === 'given'
      ? p.since
        ? t('consent:consents.state.givenOn', { date: p.since })
        : t('consent:consents.state.given')
      : p.state === 'withdrawn'
        ? t('consent:consents.state.withdrawnOn', { date: p.since })
        : t('consent:consents.state.none')
  const parts = [state, p.how ? t('consent:consents.state.how', { method: t(p.how), version: p.version }) : null].filter(Boolean).join(' ')
  return (
    <>
      {parts}
      {p.cookie ? ` · ${t('consent:consents.state.inThisBrowser')}` : null}
    </>
  )
}

export default function Consents() {
  const { purposes, counts, forumDelete, gpc } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation()
  const effect: Record<string, string> = {
    contact_form: t('consent:consents.effect.contactForm', { count: counts.contactMessages }),
    comment_feed: t('consent:consents.effect.commentFeed', { count: counts.feedSubscriptions }),
    forum: t('consent:consents.effect.forum', { count: counts.forumPosts }),
  }
  return (
    <section className="consent-page">
      <h1>{t('consent:consents.title')}</h1>
      <p>{t('consent:consents.intro')}</p>
      {gpc ? <GpcHonoured /> : null}
      <FormError error={actionData?.error} />
      {purposes.map((p) => (
        <section key={p.slug} className="card consent-purpose" aria-labelledby={`consent-${p.slug}`}>
          <h2 id={`consent-${p.slug}`}>{p.name}</h2>
          <p>{p.description}</p>
          <dl className="facts facts-stack">
            <dt>{t('consent:consents.whoReceives')}</dt>
            <dd>{p.recipients.length ? p.recipients.join(', ') : t('consent:consents.nobodyOutside')}</dd>
            <dt>{t('consent:consents.legalBasis')}</dt>
            <dd>{p.legalBasis}</dd>
            <dt>{t('consent:consents.status')}</dt>
            <dd className="consent-state">
              <ConsentState p={p} />
            </dd>
          </dl>
          {p.slug === 'forum' && p.state === 'given' && forumDelete ? (
            <ForumDeleteConfirmation posts={forumDelete.posts} othersComments={forumDelete.othersComments} lastResult={actionData?.result} />
          ) : null}
          {p.needsReconsent && p.state === 'given' ? <p className="notice">{t('consent:consents.reconsent')}</p> : null}
          {p.state === 'given' && effect[p.slug] ? <p className="muted">{effect[p.slug]}</p> : null}
          <div className="consent-actions">
            {p.state === 'given' ? (
              <Form method="post" reloadDocument={p.cookie}>
                <input type="hidden" name="purpose" value={p.slug} />
                <input type="hidden" name="intent" value="withdraw" />
                {p.slug === 'forum' ? (
                  <button type="submit" name="forumChoice" value="anonymise">
                    {t('consent:consents.withdrawAnonymise')}
                  </button>
                ) : (
                  <button type="submit">{t('consent:consents.withdraw')}</button>
                )}
              </Form>
            ) : null}
            {p.state === 'given' && p.slug === 'forum' && !forumDelete ? (
              // only shows the confirmation step below: nothing is deleted by this button
              <Form method="get" action="/consents#confirm-forum-delete">
                <input type="hidden" name="withdraw" value={FORUM_DELETE_STEP} />
                <button type="submit">{t('consent:consents.withdrawDelete')}</button>
              </Form>
            ) : null}
            {p.state !== 'given' || p.needsReconsent ? (
              p.slug === 'comment_feed' ? (
                <Link to="/feed">{t('consent:consents.subscribeFeed')}</Link>
              ) : (
                <Form method="post" reloadDocument={p.cookie}>
                  <input type="hidden" name="purpose" value={p.slug} />
                  <input type="hidden" name="intent" value="give" />
                  <button type="submit" className={p.state === 'given' ? 'button-secondary' : undefined}>
                    {p.state === 'given' ? t('consent:consents.giveAgain') : t('consent:consents.give')}
                  </button>
                </Form>
              )
            ) : null}
          </div>
        </section>
      ))}
    </section>
  )
}

// The step between "withdraw and delete my posts" and the deletion: what goes, that it is final, the password.
function ForumDeleteConfirmation({ posts, othersComments, lastResult }: { posts: number; othersComments: number; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'confirm-forum-delete',
    lastResult,
    constraint: getZodConstraint(ForumDeleteSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForumDeleteSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <Form method="post" action={`/consents?withdraw=${FORUM_DELETE_STEP}`} className="stack card" aria-labelledby="confirm-forum-delete-title" {...getFormProps(form)}>
      <h3 id="confirm-forum-delete-title">{t('consent:consents.forumDelete.title')}</h3>
      <FormError error={form.errors?.[0]} />
      <p id="forum-delete-summary">
        <Trans i18nKey="consent:consents.forumDelete.deletes" count={posts} components={{ strong: <strong /> }} />
        {othersComments > 0 ? t('consent:consents.forumDelete.others', { count: othersComments }) : null}.{' '}
        <Trans i18nKey="consent:consents.forumDelete.final" components={{ strong: <strong /> }} />
      </p>
      <input type="hidden" name="purpose" value="forum" />
      <input type="hidden" name="intent" value="withdraw" />
      <input type="hidden" name="forumChoice" value="delete" />
      <Field
        label={t('consent:consents.forumDelete.password')}
        type="password"
        autoComplete="current-password"
        {...fieldProps(fields.password)}
        hint={t('consent:consents.forumDelete.passwordHint')}
      />
      <div className="consent-actions">
        <button type="submit" className="button-danger">
          {t('consent:consents.forumDelete.confirm', { count: posts })}
        </button>
        <Link to="/consents">{t('consent:consents.forumDelete.keep')}</Link>
      </div>
    </Form>
  )
}
