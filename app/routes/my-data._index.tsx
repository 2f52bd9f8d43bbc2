import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { ContactCard } from '~/components/contact-card'
import { CategoryDetails, CategoryFacts } from '~/components/category-details'
import { CategoryErasureLink } from '~/components/erasure-links'
import { CategoryRectificationLinks } from '~/components/rectification-links'
import { fieldProps } from '~/components/ui/conform'
import { Field, FormError } from '~/components/ui/field'
import { msg, pageTitle } from '~/i18n/translate'
import { downloadTicket } from '~/lib/access/access-package.server'
import { consentStateText, loadMyDataSummary, type CategorySummary } from '~/lib/access/my-data-view.server'
import { loadConsentStates } from '~/lib/consent/consent-state.server'
import { requireCustomer } from '~/lib/platform/auth.server'
import { fixedT, getLanguage } from '~/lib/platform/i18n.server'
import { confirmPassword, REAUTH_MINUTES } from '~/lib/platform/reauth.server'
import { getRegistryContacts } from '~/lib/registry/registry.server'
import { RIGHTS } from '~/lib/domain/rights'
import { currentPassword } from '~/lib/domain/validation/form'
import { PASSWORD_CHECK_MESSAGES } from '~/lib/domain/validation/password-check'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'mydata:title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const language = await getLanguage(request)
  const t = fixedT(language)
  const [categories, contacts, consents] = await Promise.all([
    loadMyDataSummary({ userId: user.id, t, language }),
    getRegistryContacts(language),
    loadConsentStates({ request, user }),
  ])
  return {
    categories,
    supervisoryAuthority: contacts.supervisoryAuthority,
    rights: RIGHTS.map((r) => ({ key: r.key, article: r.article })),
    reauthMinutes: REAUTH_MINUTES,
    // the same state, in the same words, as /consents shows
    consents: consents.map((c) => ({ slug: c.slug, name: c.name, cookie: c.cookieCategory !== null, state: c.state, text: consentStateText(t, language, c) })),
  }
}

const DownloadSchema = z.object({ password: currentPassword })

export async function action({ request, context }: ActionFunctionArgs) {
  requireCustomer(context, request)
  const formData = await request.formData()
  switch (formData.get('intent')) {
    case 'download-package': {
      const submission = parseWithZod(formData, { schema: DownloadSchema })
      if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
      const check = await confirmPassword(context, submission.value.password)
      if (!check.ok) {
        return data({ result: submission.reply({ hideFields: ['password'], fieldErrors: { password: [PASSWORD_CHECK_MESSAGES[check.reason]] } }) }, { status: 400 })
      }
      // the download itself is a GET, so the browser saves the file and stays on this page
      return redirect(`/my-data/download?ticket=${encodeURIComponent(downloadTicket(context))}`)
    }
    default:
      return data({ result: parseWithZod(formData, { schema: DownloadSchema }).reply({ formErrors: [msg('mydata:errors.unknownAction')] }) }, { status: 400 })
  }
}

// Where each right is exercised; the rest link to what the right means. Capabilities add their pages here.
const RIGHT_LINKS: Record<string, { href: string; label: string }> = {
  information: { href: '/privacy', label: 'mydata:rights.links.information' },
  access: { href: '#categories', label: 'mydata:rights.links.access' },
  portability: { href: '#access-package', label: 'mydata:rights.links.portability' },
  complaint: { href: '#complaint', label: 'mydata:rights.links.complaint' },
}

// The rights as the GDPR states them (app/lib/domain/rights.ts), in the reader's language.
const RIGHT_KEYS: Record<string, { name: string; description: string }> = {
  information: { name: 'mydata:rights.information.name', description: 'mydata:rights.information.description' },
  access: { name: 'mydata:rights.access.name', description: 'mydata:rights.access.description' },
  rectification: { name: 'mydata:rights.rectification.name', description: 'mydata:rights.rectification.description' },
  erasure: { name: 'mydata:rights.erasure.name', description: 'mydata:rights.erasure.description' },
  restriction: { name: 'mydata:rights.restriction.name', description: 'mydata:rights.restriction.description' },
  notification: { name: 'mydata:rights.notification.name', description: 'mydata:rights.notification.description' },
  portability: { name: 'mydata:rights.portability.name', description: 'mydata:rights.portability.description' },
  objection: { name: 'mydata:rights.objection.name', description: 'mydata:rights.objection.description' },
  'withdraw-consent': { name: 'mydata:rights.withdraw-consent.name', description: 'mydata:rights.withdraw-consent.description' },
  complaint: { name: 'mydata:rights.complaint.name', description: 'mydata:rights.complaint.description' },
  'judicial-remedy': { name: 'mydata:rights.judicial-remedy.name', description: 'mydata:rights.judicial-remedy.description' },
}

type ConsentView = Awaited<ReturnType<typeof loader>>['consents'][number]

export default function MyData() {
  const { categories, supervisoryAuthority, rights, reauthMinutes, consents } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'download-package',
    lastResult: actionData?.result,
    constraint: getZodConstraint(DownloadSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DownloadSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const total = categories.reduce((sum, c) => sum + c.total, 0)
  return (
    <article className="my-data">
      <h1>{t('mydata:title')}</h1>
      <p>
        {t('mydata:summary.intro', { count: total, categories: categories.length })}{' '}
        <a href="#access-package">{t('mydata:summary.downloadLink')}</a> · <Link to="/requests">{t('mydata:summary.requestsLink')}</Link>
      </p>

      <nav aria-label={t('mydata:summary.indexLabel')} className="card">
        <ul className="category-index">
          {categories.map((c) => (
            <li key={c.slug}>
              <a href={`#category-${c.slug}`}>{c.name}</a> <span className="muted">({c.total})</span>
            </li>
          ))}
        </ul>
      </nav>

      <div id="categories" className="category-cards">
        {categories.map((category) => (
          <CategoryCard key={category.slug} category={category} consents={consents} />
        ))}
      </div>

      <section id="access-package" className="card" aria-labelledby="access-package-title">
        <h2 id="access-package-title">{t('mydata:package.title')}</h2>
        <p>{t('mydata:package.body')}</p>
        <Form method="post" reloadDocument className="stack" {...getFormProps(form)}>
          <FormError error={form.errors?.[0]} />
          <Field
            label={t('mydata:package.password')}
            type="password"
            autoComplete="current-password"
            {...fieldProps(fields.password)}
            hint={t('mydata:package.passwordHint', { minutes: reauthMinutes })}
          />
          <button type="submit" name="intent" value="download-package">
            {t('mydata:package.download')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="automated-decisions">
        <h2 id="automated-decisions">{t('mydata:automatedDecisions.title')}</h2>
        <p>{t('mydata:automatedDecisions.body')}</p>
      </section>

      <section aria-labelledby="rights">
        <h2 id="rights">{t('mydata:rights.title')}</h2>
        <p>{t('mydata:rights.intro')}</p>
        <ul className="rights-list">
          {rights.map((right) => {
            const link = RIGHT_LINKS[right.key] ?? { href: `/privacy#right-${right.key}`, label: 'mydata:rights.links.more' }
            const keys = RIGHT_KEYS[right.key]
            return (
              <li key={right.key} id={`right-${right.key}`}>
                <strong>{t('mydata:rights.heading', { name: t(keys.name), article: right.article })}</strong>: {t(keys.description)}{' '}
                <a href={link.href}>{t(link.label)}</a>
              </li>
            )
          })}
        </ul>
      </section>

      <section aria-labelledby="complaint">
        <h2 id="complaint">{t('mydata:complaint.title')}</h2>
        <p>{t('mydata:complaint.body')}</p>
        <ContactCard title={t('mydata:complaint.authority')} contact={supervisoryAuthority} />
      </section>
    </article>
  )
}

// One category at a glance: what it is, why we have it, on which legal basis, how long, how many items, and
// what the customer can do. The items themselves are one click away, on the category's own page.
function CategoryCard({ category, consents }: { category: CategorySummary; consents: ConsentView[] }) {
  const { t } = useTranslation()
  const id = `category-${category.slug}`
  const consentList = category.slug === 'consents' ? consents : category.slug === 'cookies' ? consents.filter((c) => c.cookie) : []
  return (
    <section id={id} className="card my-data-category" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {category.name} <span className="muted">({category.total})</span>
      </h2>
      <p>{category.description}</p>
      <CategoryFacts category={category} />
      <CategoryDetails category={category} />
      {category.restrictions.map((r) => (
        <p key={`r${r.id}`} className="notice">
          {r.text}.
        </p>
      ))}
      {category.restrictedItems > 0 ? <p className="notice">{t('mydata:category.restrictedItems', { count: category.restrictedItems })}</p> : null}
      {category.statements.map((s) => (
        <p key={`s${s.id}`} className="notice supplementary-statement">
          {t('mydata:category.statement', { text: s.text })}
        </p>
      ))}
      {consentList.length > 0 ? (
        <div className="consent-now">
          <h3>{t(category.slug === 'cookies' ? 'mydata:consentNow.cookiesTitle' : 'mydata:consentNow.title')}</h3>
          <ul className="consent-list" data-testid={`consent-now-${category.slug}`}>
            {consentList.map((c) => (
              <li key={c.slug} data-purpose={c.slug} data-state={c.state}>
                <strong>{c.name}</strong>: {c.text}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/consents">{t('mydata:consentNow.change')}</Link>
          </p>
        </div>
      ) : null}
      {category.total === 0 ? <p className="muted empty-category">{t('mydata:category.empty')}</p> : null}
      <ul className="category-actions" aria-label={t('mydata:category.actionsLabel', { name: category.name })} data-category={category.slug}>
        {category.total > 0 ? (
          <li>
            <Link to={`/my-data/${category.slug}`} className="button action-primary">
              {t('mydata:actions.show', { count: category.total })}
              <span className="visually-hidden">: {category.name}</span>
            </Link>
          </li>
        ) : null}
        <CategoryRectificationLinks slug={category.slug} name={category.name} total={category.total} />
        <CategoryErasureLink slug={category.slug} name={category.name} total={category.total} />
      </ul>
    </section>
  )
}
