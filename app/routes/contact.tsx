import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { EmbedPlaceholder } from '~/components/embed-placeholder'
import { Field, FormError, FieldErrorText } from '~/components/ui/field'
import { createContactMessage } from '~/lib/consent/contact.server'
import { allowedCookieCategories } from '~/lib/consent/cookie-consent.server'
import { hit, keyed, type Limit } from '~/lib/platform/rate-limit.server'
import { getPurposes, getRegistryContacts } from '~/lib/registry/registry.server'
import { email, multiLine, parseForm, singleLine } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Contact form · Privacy Portal' }]

const MESSAGE_MAX = 5000
const CONTACT_PER_CLIENT: Limit = { bucket: 'contact-client', max: 20, windowSeconds: 3600 }
const CONTACT_PER_EMAIL: Limit = { bucket: 'contact-email', max: 5, windowSeconds: 3600 }

// Public: people without an account write to us too.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const [purposes, contacts, allowed] = await Promise.all([getPurposes(), getRegistryContacts(), allowedCookieCategories(request)])
  const contactPurpose = purposes.find((p) => p.slug === 'contact_form')
  const externalMedia = purposes.find((p) => p.slug === 'external_media')
  if (!contactPurpose || !externalMedia) throw new Error('The registry lacks the contact_form or external_media purpose: run the seed.')
  const { controller } = contacts
  return {
    loggedIn: context.auth?.user.role === 'customer',
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
  consent: z.literal('on', { errorMap: () => ({ message: 'Tick the box to let us store your message, or we cannot answer it.' }) }),
  // the honeypot: hidden from people, filled in by bots
  website: z.string().max(0, 'honeypot').optional(),
})

const HONEYPOT_MESSAGE =
  'Your message was not sent: a field that must stay empty was filled in, which is what automated spam does. If you used autofill, send the form again without it.'

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  const user = context.auth?.user.role === 'customer' ? context.auth.user : null
  const form = parseForm(ContactSchema, formData)
  if (!form.ok) {
    const { website, ...errors } = form.errors
    return data({ errors: website ? { form: HONEYPOT_MESSAGE } : errors, values: form.values }, { status: 400 })
  }
  const { name, email: address, message } = form.data
  if ((await hit(CONTACT_PER_CLIENT, context.clientKey)) || (await hit(CONTACT_PER_EMAIL, keyed('contact-email', address)))) {
    return data({ errors: { form: 'Too many messages in a short time. Please try again in an hour.' }, values: { name, email: address, message } }, { status: 429 })
  }
  await createContactMessage({ userId: user?.id ?? null, name, email: address, message })
  return redirect('/contact?sent=1')
}

export default function Contact() {
  const { loggedIn, accountEmail, purpose, map } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const errors: Record<string, string | undefined> = actionData?.errors ?? {}
  const values: Record<string, string | undefined> = actionData?.values ?? {}
  return (
    <section>
      <h1>Write to us</h1>
      {params.get('sent') === '1' ? (
        <p className="notice notice-ok" role="status">
          Thank you, we received your message and will answer by email.
          {loggedIn ? (
            <>
              {' '}
              You can withdraw your consent, which deletes your messages, on <Link to="/consents">your consents</Link>.
            </>
          ) : null}
        </p>
      ) : null}
      <div className="card">
        <h2>{purpose.name}</h2>
        <p>{purpose.description}</p>
        <p>
          <strong>How long:</strong> {purpose.retention}
        </p>
      </div>
      <Form method="post" className="stack card" noValidate>
        <FormError error={errors.form} />
        <Field label="Your name" name="name" autoComplete="name" defaultValue={values.name} error={errors.name} maxLength={100} required />
        <Field
          label="Email address"
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={values.email ?? accountEmail ?? undefined}
          error={errors.email}
          hint="We answer to this address."
          maxLength={254}
          required
        />
        <div className="field">
          <label htmlFor="field-message">Message</label>
          <textarea
            id="field-message"
            name="message"
            rows={8}
            maxLength={MESSAGE_MAX}
            defaultValue={values.message}
            aria-invalid={errors.message ? true : undefined}
            aria-describedby={errors.message ? 'field-message-error' : undefined}
            required
          />
          {errors.message ? <FieldErrorText id="field-message-error" message={errors.message} /> : null}
        </div>
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="field-website">Website (leave empty)</label>
          <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <Field
          label={
            <>
              I agree that my message and contact details are stored and used to answer me ({purpose.name}). I can withdraw
              this consent at any time; my messages are then deleted.
            </>
          }
          name="consent"
          type="checkbox"
          error={errors.consent}
        />
        <button type="submit">Send message</button>
      </Form>
      <h2>Where we are</h2>
      <p>{map.address}</p>
      <EmbedPlaceholder provider="maps" target={map.address} title={`Map: ${map.address}`} allowed={map.allowed} purpose={map.purpose} />
    </section>
  )
}
