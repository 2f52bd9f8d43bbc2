import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { CookieCategoryList, CookieChoiceButtons, GpcNotice } from '~/components/cookie-banner'
import { GpcHonoured } from '~/components/gpc-status'
import { AuthoritativeNote, PolicyText } from '~/components/policy-text'
import { formErrorReply } from '~/components/ui/conform'
import { FormError } from '~/components/ui/field'
import { msg, pageTitle } from '~/i18n/translate'
import { listCookieCategories, readCookieConsent, saveCookieChoice } from '~/lib/consent/cookie-consent.server'
import type { ConsentMethod } from '~/lib/consent/consent.server'
import { OPTIONAL_COOKIE_CATEGORIES, type CookieCategory } from '~/lib/domain/cookie-categories'
import { formatDateTime } from '~/lib/domain/format'
import { safeRedirectPath } from '~/lib/domain/safe-redirect'
import { getLanguage } from '~/lib/platform/i18n.server'
import { versionIn, versionInForce } from '~/lib/policy/policy.server'
import { intentOf } from '~/lib/domain/validation/form'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'consent:cookies.title')

// Public: every visitor decides about cookies, with or without an account.
export async function loader({ request }: LoaderFunctionArgs) {
  const language = await getLanguage(request)
  const [state, categories, notice] = await Promise.all([readCookieConsent(request), listCookieCategories(language), versionInForce({ document: 'cookies' })])
  return {
    categories,
    checked: [...state.allowed],
    decided: state.decided,
    decidedAt: state.decidedAt && state.decided ? formatDateTime(state.decidedAt, language) : null,
    gpc: state.gpc,
    noticeVersion: state.noticeVersion,
    notice: notice ? { number: notice.number, ...versionIn(notice, language) } : null,
  }
}

const UNKNOWN_CATEGORY = msg('consent:cookies.errors.unknownCategory')
const ticked = z.literal('on', { errorMap: () => ({ message: UNKNOWN_CATEGORY }) }).optional()

// One schema for the banner, the settings page and the embeds' "allow" button, which all post here; the settings
// page checks its form with it in the browser too (decision 093). Exactly these fields: anything else is refused.
const ChoiceSchema = z
  .object({
    intent: z.enum(['accept-all', 'reject-all', 'save', 'allow-category']),
    // the banner sends the page it was shown on; anything but a path on this site goes home (safeRedirectPath,
    // which takes nothing longer than 2,000 characters either)
    redirectTo: z.string().max(2000).optional(),
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
  const submission = parseWithZod(formData, { schema: ChoiceSchema })
  if (submission.status !== 'success') {
    // one message above the form: the checkboxes are the registry's categories, no field of their own to name
    const errors = submission.error ?? {}
    const message = intentOf(formData) && !errors.intent && !errors.redirectTo ? Object.values(errors).flat()[0] : null
    return data({ result: submission.reply({ formErrors: [message ?? msg('consent:cookies.errors.chooseAction')] }) }, { status: 400 })
  }
  const { intent, redirectTo, category } = submission.value
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
      allowed = OPTIONAL_COOKIE_CATEGORIES.filter((c) => submission.value[c] === 'on')
      break
    case 'allow-category':
      if (!category) return data({ result: formErrorReply(formData, UNKNOWN_CATEGORY) }, { status: 400 })
      allowed = [category]
      covers = [category]
      break
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
  const { t } = useTranslation()
  const [form] = useForm({
    id: 'cookie-choice',
    lastResult: actionData?.result,
    constraint: getZodConstraint(ChoiceSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChoiceSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <section className="consent-page">
      <h1>{t('consent:cookies.title')}</h1>
      <p>{t('consent:cookies.intro')}</p>
      {decided ? (
        <p className="notice notice-ok">{t('consent:cookies.decided', { date: decidedAt, version: noticeVersion })}</p>
      ) : (
        <p className="notice">{t('consent:cookies.undecided')}</p>
      )}
      {gpc ? <GpcHonoured brief /> : null}
      {gpc ? <GpcNotice /> : null}
      <FormError error={form.errors?.[0]} />
      {/* reloadDocument: the page after the choice is a new document whose CSP follows it (decision 061) */}
      <Form method="post" className="card" reloadDocument {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value="/cookies" />
        <CookieCategoryList categories={categories} checked={decided ? checked : []} />
        <CookieChoiceButtons />
      </Form>
      {notice ? (
        <>
          <h2>{t('consent:cookies.noticeHeading', { number: notice.number })}</h2>
          <AuthoritativeNote textLanguage={notice.textLanguage} />
          <PolicyText text={notice.text} lang={notice.textLanguage} />
          <p>
            <Link to="/cookies/history">{t('consent:cookies.earlierVersions')}</Link>
          </p>
        </>
      ) : null}
    </section>
  )
}
