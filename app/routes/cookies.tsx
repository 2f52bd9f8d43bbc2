import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CookieCategoryList, CookieChoiceButtons, GpcNotice } from '~/components/cookie-banner'
import { GpcHonoured } from '~/components/gpc-status'
import { PolicyText } from '~/components/policy-text'
import { FormError } from '~/components/ui/field'
import { listCookieCategories, OPTIONAL_COOKIE_CATEGORIES, readCookieConsent, saveCookieChoice, type CookieCategory } from '~/lib/consent/cookie-consent.server'
import type { ConsentMethod } from '~/lib/consent/consent.server'
import { formatDateTime } from '~/lib/domain/format'
import { safeRedirectPath } from '~/lib/domain/safe-redirect'
import { versionInForce } from '~/lib/policy/policy.server'
import { intentOf, parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Cookie settings · Privacy Portal' }]

// Public: every visitor decides about cookies, with or without an account.
export async function loader({ request }: LoaderFunctionArgs) {
  const [state, categories, notice] = await Promise.all([readCookieConsent(request), listCookieCategories(), versionInForce({ document: 'cookies' })])
  return {
    categories,
    checked: [...state.allowed],
    decided: state.decided,
    decidedAt: state.decidedAt && state.decided ? formatDateTime(state.decidedAt) : null,
    gpc: state.gpc,
    noticeVersion: state.noticeVersion,
    notice: notice ? { number: notice.number, text: notice.text } : null,
  }
}

const UNKNOWN_CATEGORY = 'Unknown cookie category: nothing was recorded.'
const ticked = z.literal('on', { errorMap: () => ({ message: UNKNOWN_CATEGORY }) }).optional()

const ChoiceSchema = z
  .object({
    intent: z.enum(['accept-all', 'reject-all', 'save', 'allow-category']),
    // the banner sends the page it was shown on; anything but a path on this site goes home (safeRedirectPath)
    redirectTo: z.string().optional(),
    analytics: ticked,
    marketing: ticked,
    external_media: ticked,
    category: z.enum(OPTIONAL_COOKIE_CATEGORIES, { errorMap: () => ({ message: UNKNOWN_CATEGORY }) }).optional(),
  })
  .strict(UNKNOWN_CATEGORY)

const METHODS: Record<z.infer<typeof ChoiceSchema>['intent'], ConsentMethod> = {
  'accept-all': 'banner_accept_all',
  'reject-all': 'banner_reject_all',
  save: 'banner_save',
  'allow-category': 'settings_toggle',
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const user = context.auth?.user
  const form = parseForm(ChoiceSchema, formData)
  if (!form.ok) {
    const message = intentOf(formData) && !form.errors.intent ? Object.values(form.errors)[0] : 'Choose "Accept all", "Reject all" or "Allow selection".'
    return data({ error: message }, { status: 400 })
  }
  const { intent, redirectTo, category } = form.data
  let allowed: readonly CookieCategory[]
  let covers: readonly CookieCategory[] = OPTIONAL_COOKIE_CATEGORIES
  switch (intent) {
    case 'accept-all':
      allowed = OPTIONAL_COOKIE_CATEGORIES
      break
    case 'reject-all':
      allowed = []
      break
    case 'save':
      allowed = OPTIONAL_COOKIE_CATEGORIES.filter((c) => form.data[c] === 'on')
      break
    case 'allow-category':
      if (!category) return data({ error: UNKNOWN_CATEGORY }, { status: 400 })
      allowed = [category]
      covers = [category]
      break
    default:
      return data({ error: 'Unknown action.' }, { status: 400 })
  }
  const setCookies = await saveCookieChoice({
    request,
    userId: user?.role === 'customer' ? user.id : null,
    method: METHODS[intent],
    allowed,
    covers,
  })
  const headers = new Headers()
  for (const cookie of setCookies) headers.append('Set-Cookie', cookie)
  return redirect(safeRedirectPath(redirectTo, '/'), { headers })
}

export default function CookieSettings() {
  const { categories, checked, decided, decidedAt, gpc, noticeVersion, notice } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <section>
      <h1>Cookie settings</h1>
      <p>
        Choose which cookies this site may use in this browser. The necessary ones are always on; everything else stays off
        until you allow it, and you can withdraw at any time here with the same effort.
      </p>
      {decided ? (
        <p className="notice notice-ok">
          Your current choice was recorded on {decidedAt} under version {noticeVersion} of the cookie notice.
        </p>
      ) : (
        <p className="notice">You have not made a choice under the current cookie notice yet, so only necessary cookies are used.</p>
      )}
      {gpc ? <GpcHonoured brief /> : null}
      {gpc ? <GpcNotice /> : null}
      <FormError error={actionData?.error} />
      <Form method="post" className="card" reloadDocument>
        <input type="hidden" name="redirectTo" value="/cookies" />
        <CookieCategoryList categories={categories} checked={decided ? checked : []} />
        <CookieChoiceButtons />
      </Form>
      {notice ? (
        <>
          <h2>The cookie notice (version {notice.number})</h2>
          <PolicyText text={notice.text} />
          <p>
            <Link to="/cookies/history">Earlier versions of the cookie notice</Link>
          </p>
        </>
      ) : null}
    </section>
  )
}
