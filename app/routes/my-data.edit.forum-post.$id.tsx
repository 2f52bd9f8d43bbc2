import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Trans, useTranslation } from 'react-i18next'
import { z } from 'zod'
import { fieldProps } from '~/components/ui/conform'
import { Field, FormError, TextAreaField } from '~/components/ui/field'
import { msg, pageTitle } from '~/i18n/translate'
import { requireCustomer } from '~/lib/platform/auth.server'
import { afterCorrection, editForumPost, getOwnForumPost } from '~/lib/rectification/rectification.server'
import { editFormSchema, optionalSingleLine } from '~/lib/domain/validation/edit-form'
import { multiLine } from '~/lib/domain/validation/form'
import { rowIdSchema } from '~/lib/domain/ids'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.post.isComment ? 'mydata:edit.forumPost.titleComment' : 'mydata:edit.forumPost.titlePost')

const Params = z.object({ id: rowIdSchema() })
const PostSchema = editFormSchema({ title: optionalSingleLine('a title', 200), body: multiLine('the text', 10_000) })

// Another customer's post, or no post at all: the same 404.
async function ownPost(userId: string, params: Record<string, string | undefined>) {
  const parsed = Params.safeParse(params)
  const post = parsed.success ? await getOwnForumPost({ userId, postId: parsed.data.id }) : null
  if (!post) throw new Response(msg('mydata:errors.postNotFound'), { status: 404 })
  return post
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const post = await ownPost(user.id, params)
  return { post: { id: post.id, title: post.title, body: post.body, isComment: post.parentId !== null } }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  const post = await ownPost(user.id, params)
  const submission = parseWithZod(formData, { schema: PostSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const result = await editForumPost({ userId: user.id, postId: post.id, title: submission.value.title ?? null, body: submission.value.body })
  if (!result.ok) return data({ result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }) }, { status: 400 })
  return afterCorrection(result)
}

export default function EditForumPost() {
  const { post } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'forum-post',
    lastResult: actionData?.result,
    defaultValue: { title: post.title ?? '', body: post.body },
    constraint: getZodConstraint(PostSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PostSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <section>
      <p>
        <Link to="/my-data/forum_posts">{t('mydata:backToMyData')}</Link>
      </p>
      <h1>{t(post.isComment ? 'mydata:edit.forumPost.titleComment' : 'mydata:edit.forumPost.titlePost')}</h1>
      <p>
        <Trans i18nKey="mydata:edit.forumPost.intro" components={{ a: <Link to="/my-data/history?category=forum_posts" /> }} />
      </p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        {post.isComment ? null : (
          <Field label={t('mydata:edit.forumPost.postTitle')} {...fieldProps(fields.title)} />
        )}
        <TextAreaField
          label={t('mydata:edit.forumPost.text')}
          rows={10}
          {...fieldProps(fields.body)}
        />
        <button type="submit">{t('mydata:edit.save')}</button>
      </Form>
    </section>
  )
}
