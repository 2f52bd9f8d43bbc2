import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Trans, useTranslation } from 'react-i18next'
import { z } from 'zod'
import { fieldProps } from '~/components/ui/conform'
import { Field, FormError } from '~/components/ui/field'
import { ForumEraseModeField } from '~/components/forum-erase-mode-field'
import { msg, pageTitle } from '~/i18n/translate'
import { requireCustomer } from '~/lib/platform/auth.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { confirmPassword } from '~/lib/platform/reauth.server'
import { redirectWithToast } from '~/lib/platform/toast.server'
import { ERASURE_MODES } from '~/lib/domain/erasure'
import { eraseForumPost, getOwnForumPost } from '~/lib/erasure/erasure.server'
import { formatDateTime } from '~/lib/domain/format'
import { currentPassword } from '~/lib/domain/validation/form'
import { PASSWORD_CHECK_MESSAGES } from '~/lib/domain/validation/password-check'
import { parseRowId } from '~/lib/domain/ids'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.post.parentId ? 'mydata:erase.post.titleComment' : 'mydata:erase.post.titlePost')

const NOT_FOUND = msg('mydata:erase.post.notFound')

// someone else's post id and a malformed one look the same: not found
function postIdOf(raw: string | undefined) {
  const id = parseRowId(raw)
  if (id === null) throw new Response(NOT_FOUND, { status: 404 })
  return id
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const post = await getOwnForumPost({ userId: user.id, postId: postIdOf(params.id) })
  if (!post) throw new Response(NOT_FOUND, { status: 404 })
  return { post: { ...post, createdAt: formatDateTime(post.createdAt, await getLanguage(request)) } }
}

const EraseSchema = z.object({ intent: z.literal('erase'), mode: z.enum(ERASURE_MODES, { message: msg('mydata:erase.chooseMode') }), password: currentPassword })

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  const postId = postIdOf(params.id)
  // someone else's post is a 404 before any password is asked for
  if (!(await getOwnForumPost({ userId: user.id, postId }))) throw new Response(NOT_FOUND, { status: 404 })
  const submission = parseWithZod(formData, { schema: EraseSchema })
  if (submission.status !== 'success') {
    const unknown = formData.get('intent') !== 'erase'
    return data({ result: submission.reply({ hideFields: ['password'], ...(unknown ? { formErrors: [msg('mydata:errors.unknownAction')] } : {}) }) }, { status: 400 })
  }
  const check = await confirmPassword(context, submission.value.password)
  if (!check.ok) {
    return data({ result: submission.reply({ hideFields: ['password'], fieldErrors: { password: [PASSWORD_CHECK_MESSAGES[check.reason]] } }) }, { status: 400 })
  }
  const outcome = await eraseForumPost({ userId: user.id, postId, mode: submission.value.mode, actor: { type: 'customer', id: user.id } })
  if (!outcome) throw new Response(NOT_FOUND, { status: 404 })
  if (outcome.status === 'held') return redirectWithToast('/my-data/erase/forum_posts', 'mydata:erase.held', { number: outcome.requestNumber })
  return redirectWithToast('/my-data/erase/forum_posts', outcome.action === 'anonymised' ? 'mydata:erase.doneAnonymised' : 'mydata:erase.doneDeleted', {
    count: outcome.rows,
    number: outcome.requestNumber,
  })
}

export default function EraseForumPost() {
  const { post } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'erase-post',
    lastResult: actionData?.result,
    constraint: getZodConstraint(EraseSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EraseSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <section className="erasure">
      <h1>{t(post.parentId ? 'mydata:erase.post.titleComment' : 'mydata:erase.post.titlePost')}</h1>
      <blockquote className="card">
        {post.title ? <strong>{post.title}</strong> : null}
        <p>{post.body}</p>
        <p className="muted">{t('mydata:erase.post.writtenOn', { date: post.createdAt })}</p>
      </blockquote>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <ForumEraseModeField
          name={fields.mode.name}
          legend={t('mydata:erase.post.legend')}
          deleteLabel={post.comments > 0 ? t('mydata:erase.post.deleteWithComments', { count: post.comments }) : t('mydata:erase.post.delete')}
          anonymiseLabel={t('mydata:erase.post.anonymise')}
          error={fields.mode.errors?.[0]}
        />
        <p id="erase-summary">
          {post.comments > 0 ? `${t(post.parentId ? 'mydata:erase.post.summaryComment' : 'mydata:erase.post.summaryPost', { count: post.comments })} ` : null}
          <Trans i18nKey="mydata:erase.final" components={{ strong: <strong /> }} />
        </p>
        <Field
          label={t('mydata:edit.password')}
          type="password"
          autoComplete="current-password"
          {...fieldProps(fields.password)}
          hint={t('mydata:erase.passwordHint')}
        />
        <button type="submit" name="intent" value="erase" className="button-danger">
          {t('mydata:erase.post.submit')}
        </button>
      </Form>
      <p>
        <Link to="/my-data/forum_posts">{t('mydata:backToMyData')}</Link>
      </p>
    </section>
  )
}
