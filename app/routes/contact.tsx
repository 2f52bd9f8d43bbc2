import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { checkboxProps, fieldProps } from '~/components/ui/conform'
import { EmbedPlaceholder } from '~/components/embed-placeholder'
import { Field, FormError, TextAreaField } from '~/components/ui/field'
import { msg, pageTitle } from '~/i18n/translate'
import { createContactMessage } from '~/lib/consent/contact.server'
import { allowedCookieCategories } from '~/lib/consent/cookie-consent.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { hit, keyed, type Limit } from '~/lib/platform/rate-limit.server'
import { redirectWithToast } from '~/lib/platform/toast.server'
import { getPurposes, getRegistryContacts } from '~/lib/registry/registry.server'
import { email, multiLine, singleLine } from '~/lib/domain/validation/form'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'consent:contact.metaTitle')

const MESSAGE_MAX = 5000
const CONTACT_PER_CLIENT: Limit = { bucket: 'contact-client', max: 20, windowSeconds: 3600 }
const CONTACT_PER_EMAIL: Limit = { bucket: 'contact-email', max: 5, windowSeconds: 3600 }

// Public: people without an account write to us too.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await getLanguage(request)
  const [purposes, contacts, allowed] = await Promise.all([getPurposes({ language }), getRegistryContacts(language), allowedCookieCategories(request)])
  const contactPurpose = purposes.find((p) => p.slug === 'contact_form')
  const externalMedia = purposes.find((p) => p.slug === 'external_media')
  if (!contactPurpose || !externalMedia) throw new Error('The registry lacks the contact_form or external_media purpose: run the seed.')
  const { controller } = contacts
  return {
    accountEmail: context.auth?.user.email ?? null,
    purpose: { name: contactPurpose.name, description: contactPurpose.description, retention: `${contactPurpose.retention.name}. ${contactPurpose.retention.description}` },
    map: {
      address: `${controller.name}, ${controller.street}, ${controller.postalCode} ${controller.city}, ${controller.country}`,
      allowed: allowed.has('external_media'),
      purpose: { name: externalMedia.name, description: externalMedia.description, recipients: externalMedia.recipients.map((r) => ({ name: r.name })) },
    },
  }
}

const ContactSchema = z.object({
  name: singleLine('your name', 100),
  email,
  message: multiLine('your message', MESSAGE_MAX),
  consent: z.literal('on', { errorMap: () => ({ message: msg('consent:contact.errors.consent') }) }),
  // the honeypot: hidden from people, filled in by bots
  website: z.string().max(0, msg('consent:contact.errors.honeypot')).optional(),
})

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const user = context.auth?.user.role === 'customer' ? context.auth.user : null
  const submission = parseWithZod(formData, { schema: ContactSchema })
  if (submission.status !== 'success') {
    // a filled honeypot is said once, above the form, not next to a field no person sees
    const honeypot = Boolean(submission.error?.website)
    return data({ result: submission.reply(honeypot ? { formErrors: [msg('consent:contact.errors.honeypot')] } : undefined) }, { status: 400 })
  }
  const { name, email: address, message } = submission.value
  if ((await hit(CONTACT_PER_CLIENT, context.clientKey)) || (await hit(CONTACT_PER_EMAIL, keyed('contact-email', address)))) {
    return data({ result: submission.reply({ formErrors: [msg('consent:contact.errors.tooMany')] }) }, { status: 429 })
  }
  await createContactMessage({ userId: user?.id ?? null, name, email: address, message })
  // a customer can take the consent back on /consents, which deletes the messages
  return redirectWithToast('/contact', user ? 'consent:contact.sentCustomer' : 'consent:contact.sent')
}

export default function Contact() {
  const { accountEmail, purpose, map } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'contact',
    lastResult: actionData?.result,
    defaultValue: { email: accountEmail ?? '' },
    constraint: getZodConstraint(ContactSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ContactSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  // the honeypot's own message is the form's: it is never shown next to the hidden field
  const formError = form.errors?.[0] ?? (fields.website.errors?.length ? msg('consent:contact.errors.honeypot') : undefined)
  return (
    <section className="consent-page">
      <h1>{t('consent:contact.title')}</h1>
      <div className="card">
        <h2>{purpose.name}</h2>
        <p>{purpose.description}</p>
        <p>
          <strong>{t('consent:contact.howLong')}</strong> {purpose.retention}
        </p>
      </div>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={formError} />
        <Field
          label={t('consent:contact.name')}
          autoComplete="name"
          {...fieldProps(fields.name)}
        />
        <Field
          label={t('consent:contact.email')}
          type="email"
          autoComplete="email"
          {...fieldProps(fields.email)}
          hint={t('consent:contact.emailHint')}
        />
        <TextAreaField
          label={t('consent:contact.message')}
          rows={8}
          {...fieldProps(fields.message)}
        />
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="field-website">{t('consent:contact.honeypot')}</label>
          <input id="field-website" name={fields.website.name} type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <Field
          label={t('consent:contact.consent', { purpose: purpose.name })}
          type="checkbox"
          {...checkboxProps(fields.consent)}
        />
        <button type="submit">{t('consent:contact.send')}</button>
      </Form>
      <h2>{t('consent:contact.whereWeAre')}</h2>
      <p>{map.address}</p>
      <EmbedPlaceholder provider="maps" target={map.address} title={t('consent:contact.mapTitle', { address: map.address })} allowed={map.allowed} purpose={map.purpose} />
    </section>
  )
}
