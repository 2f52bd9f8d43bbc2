import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Trans, useTranslation } from 'react-i18next'
import { fieldProps } from '~/components/ui/conform'
import { Field, FormError } from '~/components/ui/field'
import { msg, pageTitle } from '~/i18n/translate'
import { requireCustomer } from '~/lib/platform/auth.server'
import { afterCorrection, changeForumDisplayName, getForumDisplayName } from '~/lib/rectification/rectification.server'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { forumDisplayName } from '~/lib/domain/validation/form'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'mydata:edit.forumName.title')

const NameSchema = editFormSchema({ name: forumDisplayName })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const current = await getForumDisplayName({ userId: user.id })
  if (!current) throw new Response(msg('mydata:errors.noForumPosts'), { status: 404 })
  return { current }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const submission = parseWithZod(await request.formData(), { schema: NameSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const result = await changeForumDisplayName({ userId: user.id, name: submission.value.name })
  if (!result.ok) return data({ result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }) }, { status: 400 })
  return afterCorrection(result)
}

export default function EditForumName() {
  const { current } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'forum-name',
    lastResult: actionData?.result,
    defaultValue: { name: current.name },
    constraint: getZodConstraint(NameSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NameSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <section>
      <p>
        <Link to="/my-data#category-forum_posts">{t('mydata:backToMyData')}</Link>
      </p>
      <h1>{t('mydata:edit.forumName.title')}</h1>
      <p>
        <Trans i18nKey="mydata:edit.forumName.intro" count={current.count} values={{ name: current.name }} components={{ strong: <strong /> }} />
      </p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <Field label={t('mydata:edit.forumName.name')} {...fieldProps(fields.name)} />
        <button type="submit">{t('mydata:edit.forumName.submit')}</button>
      </Form>
    </section>
  )
}
