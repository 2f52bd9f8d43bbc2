import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError } from '~/components/ui/field'
import { GpcHonoured } from '~/components/gpc-status'
import { requireCustomer } from '~/lib/platform/auth.server'
import { countCommunityData } from '~/lib/erasure/community.server'
import { previewCategoryErasure } from '~/lib/erasure/erasure.server'
import { confirmPassword } from '~/lib/platform/reauth.server'
import {
  CONSENT_METHOD_LABELS,
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
import { currentPassword, intentOf, parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Your consents · Privacy Portal' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const owner = { userId: user.id, email: user.email }
  const cookieState = await readCookieConsent(request)
  const [purposes, latest, ofBrowser, counts, reconsent] = await Promise.all([
    listConsentPurposes(),
    latestConsents(owner),
    cookieState.visitorId ? latestConsentsOfVisitor(cookieState.visitorId) : Promise.resolve(new Map<string, LatestConsent>()),
    countCommunityData(owner),
    purposesNeedingReconsent({ userId: user.id }),
  ])
  // "withdraw and delete my posts" first shows what goes, and asks for the password (decision 052)
  const forumDelete =
    new URL(request.url).searchParams.get('withdraw') === FORUM_DELETE_STEP && latest.get('forum')?.action === 'given'
      ? await previewCategoryErasure({ userId: user.id, categorySlug: 'forum_posts' })
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
      return {
        slug: p.slug,
        name: p.name,
        description: p.description,
        legalBasis: p.legalBasis.article,
        recipients: p.recipients.map((r) => r.name),
        cookie,
        state,
        since: row && state !== 'none' ? formatDateTime(row.createdAt) : null,
        how: row && state !== 'none' ? CONSENT_METHOD_LABELS[row.method] : null,
        version: row && state !== 'none' ? row.policyVersion : null,
        needsReconsent: reconsent.some((r) => r.slug === p.slug),
      }
    }),
  }
}

const ConsentSchema = z.object({
  intent: z.enum(['withdraw', 'give']),
  purpose: z.string().max(64),
  forumChoice: z.enum(ERASURE_MODES, { errorMap: () => ({ message: 'Choose whether your posts are deleted or anonymised.' }) }).optional(),
})

const PasswordSchema = z.object({ password: currentPassword })

// the query value that opens the confirmation step of "withdraw and delete my posts"
const FORUM_DELETE_STEP = 'forum-delete'

const UNKNOWN_PURPOSE = 'Unknown purpose: nothing was recorded.'

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  if (!['withdraw', 'give'].includes(intentOf(formData))) return data({ error: 'Unknown action.' } as ActionData, { status: 400 })
  const form = parseForm(ConsentSchema, formData)
  if (!form.ok) return data({ error: form.errors.forumChoice ?? UNKNOWN_PURPOSE } as ActionData, { status: 400 })
  const { intent, purpose, forumChoice } = form.data
  const purposes = await listConsentPurposes()
  const target = purposes.find((p) => p.slug === purpose)
  if (!target) return data({ error: UNKNOWN_PURPOSE } as ActionData, { status: 400 })

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
    return redirect(`/consents?${intent === 'give' ? 'given' : 'withdrawn'}=${target.slug}`, { headers })
  }

  switch (intent) {
    case 'withdraw': {
      if (target.slug === 'forum' && !forumChoice) return data({ error: 'Choose whether your posts are deleted or anonymised.' } as ActionData, { status: 400 })
      if (target.slug === 'forum' && forumChoice === 'delete') {
        // deleting every post is not undone by giving consent again: the password first, as for an erasure
        const password = parseForm(PasswordSchema, formData)
        if (!password.ok) return data({ errors: password.errors } as ActionData, { status: 400 })
        const check = await confirmPassword(context, password.data.password)
        if (!check.ok) return data({ errors: { password: check.message } } as ActionData, { status: 400 })
      }
      await withdrawCustomerConsent({ userId: user.id, email: user.email, purpose: target.slug, forumChoice })
      return redirect(`/consents?withdrawn=${target.slug}`)
    }
    case 'give': {
      // a subscription is consented to by the confirmation link, never by a toggle (double opt-in)
      if (target.slug === 'comment_feed') return data({ error: 'Subscribe to a comment feed on the feed page; the email we send confirms it.' } as ActionData, { status: 400 })
      await giveCustomerConsent({ userId: user.id, purpose: target.slug })
      return redirect(`/consents?given=${target.slug}`)
    }
    default:
      return data({ error: 'Unknown action.' } as ActionData, { status: 400 })
  }
}

type ActionData = { error?: string; errors?: Record<string, string> }

function Notice({ purposes }: { purposes: { slug: string; name: string }[] }) {
  const [params] = useSearchParams()
  const withdrawn = purposes.find((p) => p.slug === params.get('withdrawn'))
  const given = purposes.find((p) => p.slug === params.get('given'))
  if (withdrawn) {
    return (
      <p className="notice notice-ok" role="status">
        You withdrew your consent to “{withdrawn.name}”. It took effect at once; the withdrawal is in your{' '}
        <Link to="/requests">request history</Link>.
      </p>
    )
  }
  if (given) {
    return (
      <p className="notice notice-ok" role="status">
        You gave your consent to “{given.name}”.
      </p>
    )
  }
  return null
}

export default function Consents() {
  const { purposes, counts, forumDelete, gpc } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const effect: Record<string, string> = {
    contact_form: `Withdrawing deletes your ${counts.contactMessages} stored contact message(s).`,
    comment_feed: `Withdrawing deletes your ${counts.feedSubscriptions} feed subscription(s).`,
    forum: `You have ${counts.forumPosts} forum post(s) and comment(s). Withdrawing deletes them, or keeps them under the name “deleted user” without your account or email, as you choose.`,
  }
  return (
    <section>
      <h1>Your consents</h1>
      <p>
        Each use of your data below happens only with your consent. Withdrawing is as easy as giving it and takes effect at once;
        what was done before stays lawful. Every choice is recorded as proof, and you find the full record under My data.
      </p>
      {gpc ? <GpcHonoured /> : null}
      <Notice purposes={purposes} />
      <FormError error={actionData?.error} />
      {purposes.map((p) => (
        <section key={p.slug} className="card consent-purpose" aria-labelledby={`consent-${p.slug}`}>
          <h2 id={`consent-${p.slug}`}>{p.name}</h2>
          <p>{p.description}</p>
          <dl className="facts">
            <dt>Who receives it</dt>
            <dd>{p.recipients.length ? p.recipients.join(', ') : 'Nobody outside our company.'}</dd>
            <dt>Legal basis</dt>
            <dd>{p.legalBasis}</dd>
            <dt>Status</dt>
            <dd className="consent-state">
              {p.state === 'given' ? `Given${p.since ? ` on ${p.since}` : ''}` : p.state === 'withdrawn' ? `Withdrawn on ${p.since}` : 'Not given'}
              {p.how ? ` (${p.how}, notice version ${p.version})` : null}
              {p.cookie ? ' · in this browser' : null}
            </dd>
          </dl>
          {p.slug === 'forum' && p.state === 'given' && forumDelete ? (
            <ForumDeleteConfirmation posts={forumDelete.posts} othersComments={forumDelete.othersComments} error={actionData?.errors?.password} />
          ) : null}
          {p.needsReconsent && p.state === 'given' ? (
            <p className="notice">The privacy notice now describes this differently from when you consented. Give your consent again to keep it, or withdraw it.</p>
          ) : null}
          {p.state === 'given' && effect[p.slug] ? <p className="muted">{effect[p.slug]}</p> : null}
          <div className="consent-actions">
            {p.state === 'given' ? (
              <Form method="post" reloadDocument={p.cookie}>
                <input type="hidden" name="purpose" value={p.slug} />
                <input type="hidden" name="intent" value="withdraw" />
                {p.slug === 'forum' ? (
                  <button type="submit" name="forumChoice" value="anonymise">
                    Withdraw and anonymise my posts
                  </button>
                ) : (
                  <button type="submit">Withdraw consent</button>
                )}
              </Form>
            ) : null}
            {p.state === 'given' && p.slug === 'forum' && !forumDelete ? (
              // only shows the confirmation step below: nothing is deleted by this button
              <Form method="get" action="/consents#confirm-forum-delete">
                <input type="hidden" name="withdraw" value={FORUM_DELETE_STEP} />
                <button type="submit">Withdraw and delete my posts</button>
              </Form>
            ) : null}
            {p.state !== 'given' || p.needsReconsent ? (
              p.slug === 'comment_feed' ? (
                <Link to="/feed">Subscribe to a comment feed</Link>
              ) : (
                <Form method="post" reloadDocument={p.cookie}>
                  <input type="hidden" name="purpose" value={p.slug} />
                  <input type="hidden" name="intent" value="give" />
                  <button type="submit" className={p.state === 'given' ? 'button-secondary' : undefined}>
                    {p.state === 'given' ? 'Give consent again' : 'Give consent'}
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
function ForumDeleteConfirmation({ posts, othersComments, error }: { posts: number; othersComments: number; error?: string }) {
  return (
    <Form method="post" action={`/consents?withdraw=${FORUM_DELETE_STEP}`} className="stack card" id="confirm-forum-delete" aria-labelledby="confirm-forum-delete-title" noValidate>
      <h3 id="confirm-forum-delete-title">Withdraw your consent and delete your forum posts</h3>
      <p id="forum-delete-summary">
        This deletes your <strong>{posts} {posts === 1 ? 'forum post or comment' : 'forum posts and comments'}</strong>
        {othersComments > 0 ? `, together with ${othersComments} ${othersComments === 1 ? 'comment' : 'comments'} of other people under your threads` : ''}.{' '}
        <strong>It cannot be undone</strong>: giving your consent again does not bring them back, and no copy is kept.
      </p>
      <input type="hidden" name="purpose" value="forum" />
      <input type="hidden" name="intent" value="withdraw" />
      <input type="hidden" name="forumChoice" value="delete" />
      <Field
        label="Your password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        maxLength={128}
        error={error}
        hint="For your protection we ask for it again before anything is deleted."
      />
      <div className="consent-actions">
        <button type="submit" className="button-danger">
          Withdraw and delete {posts} {posts === 1 ? 'post' : 'posts'}
        </button>
        <Link to="/consents">Keep my posts</Link>
      </div>
    </Form>
  )
}
