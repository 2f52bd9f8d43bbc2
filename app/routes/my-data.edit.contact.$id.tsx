import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { fieldProps } from '~/components/ui/conform'
import { Field, FormError } from '~/components/ui/field'
import { msg, pageTitle } from '~/i18n/translate'
import { requireCustomer } from '~/lib/platform/auth.server'
import { afterCorrection, editContactDetails, getOwnContactMessage } from '~/lib/rectification/rectification.server'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { email, singleLine } from '~/lib/domain/validation/form'
import { rowIdSchema } from '~/lib/domain/ids'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'mydata:edit.contact.title')

const Params = z.object({ id: rowIdSchema() })
const ContactSchema = editFormSchema({ name: singleLine('your name', 100), email })

async function ownMessage(userId: string, params: Record<string, string | undefined>) {
  const parsed = Params.safeParse(params)
  const message = parsed.success ? await getOwnContactMessage({ userId, messageId: parsed.data.id }) : null
  if (!message) throw new Response(msg('mydata:errors.messageNotFound'), { status: 404 })
  return message
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const message = await ownMessage(user.id, params)
  return { message: { id: message.id, name: message.name, email: message.email, excerpt: message.message.slice(0, 200) } }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  const message = await ownMessage(user.id, params)
  const submission = parseWithZod(formData, { schema: ContactSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const result = await editContactDetails({ userId: user.id, messageId: message.id, name: submission.value.name, email: submission.value.email })
  if (!result.ok) return data({ result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }) }, { status: 400 })
  return afterCorrection(result)
}

export default function EditContactDetails() {
  const { message } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'contact-details',
    lastResult: actionData?.result,
    defaultValue: { name: message.name, email: message.email },
    constraint: getZodConstraint(ContactSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ContactSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <section>
      <p>
        <Link to="/my-data#category-contact_messages">{t('mydata:backToMyData')}</Link>
      </p>
      <h1>{t('mydata:edit.contact.title')}</h1>
      <p className="muted">{t('mydata:edit.contact.excerpt', { excerpt: message.excerpt })}</p>
      <p>{t('mydata:edit.contact.intro')}</p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <Field label={t('mydata:edit.contact.name')} {...fieldProps(fields.name)} />
        <Field
          label={t('mydata:edit.contact.email')}
          type="email"
          {...fieldProps(fields.email)}
        />
        <button type="submit">{t('mydata:edit.save')}</button>
      </Form>
    </section>
  )
}
