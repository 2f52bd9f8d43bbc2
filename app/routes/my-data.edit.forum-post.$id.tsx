import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError, TextAreaField, useFormFeedback } from '~/components/ui/field'
import { requireCustomer } from '~/lib/platform/auth.server'
import { afterCorrection, editForumPost, getOwnForumPost } from '~/lib/rectification/rectification.server'
import { editFormSchema, optionalSingleLine } from '~/lib/domain/validation/edit-form'
import { multiLine, parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Edit a forum post · Privacy Portal' }]

const Params = z.object({ id: z.string().regex(/^\d{1,15}$/).transform(Number) })
const PostSchema = editFormSchema({ title: optionalSingleLine('a title', 200), body: multiLine('the text', 10_000) })

// Another customer's post, or no post at all: the same 404.
async function ownPost(userId: string, params: Record<string, string | undefined>) {
  const parsed = Params.safeParse(params)
  const post = parsed.success ? await getOwnForumPost({ userId, postId: parsed.data.id }) : null
  if (!post) throw new Response('This post was not found.', { status: 404 })
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
  const form = parseForm(PostSchema, formData)
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 })
  const result = await editForumPost({ userId: user.id, postId: post.id, title: form.data.title ?? null, body: form.data.body })
  if (!result.ok) return data({ errors: { [result.field]: result.message }, values: { title: form.data.title, body: form.data.body } }, { status: 400 })
  return redirect(afterCorrection(result))
}

export default function EditForumPost() {
  const { post } = useLoaderData<typeof loader>()
  const { errors, values } = useFormFeedback()
  return (
    <section>
      <p>
        <Link to="/my-data">← My data</Link>
      </p>
      <h1>Edit your {post.isComment ? 'comment' : 'post'}</h1>
      <p>The forum shows the corrected version at once; the previous version is kept in the <Link to="/my-data/history?category=forum_posts">archive of your data</Link>.</p>
      <Form method="post" className="stack card" noValidate>
        <FormError error={errors.form} />
        {post.isComment ? null : <Field label="Title" name="title" defaultValue={values.title ?? post.title ?? ''} error={errors.title} maxLength={200} />}
        <TextAreaField label="Text" name="body" rows={10} defaultValue={values.body ?? post.body} error={errors.body} maxLength={10_000} required />
        <button type="submit">Save</button>
      </Form>
    </section>
  )
}
