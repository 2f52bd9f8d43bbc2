import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError, useFormFeedback } from '~/components/ui/field'
import { ForumEraseModeField } from '~/components/forum-erase-mode-field'
import { requireCustomer } from '~/lib/platform/auth.server'
import { ERASURE_MODES } from '~/lib/domain/erasure'
import { eraseForumPost, getOwnForumPost } from '~/lib/erasure/erasure.server'
import { formatDateTime } from '~/lib/domain/format'
import { confirmPassword } from '~/lib/platform/reauth.server'
import { currentPassword, intentOf, parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Erase a forum post · Privacy Portal' }]

const NOT_FOUND = 'There is no forum post of yours at this address.'

// someone else's post id and a malformed one look the same: not found
function postIdOf(raw: string | undefined) {
  if (!raw || !/^[1-9]\d{0,14}$/.test(raw)) throw new Response(NOT_FOUND, { status: 404 })
  return Number(raw)
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const post = await getOwnForumPost({ userId: user.id, postId: postIdOf(params.id) })
  if (!post) throw new Response(NOT_FOUND, { status: 404 })
  return { post: { ...post, createdAt: formatDateTime(post.createdAt) } }
}

const EraseSchema = z.object({ mode: z.enum(ERASURE_MODES, { message: 'Choose whether to delete or anonymise.' }), password: currentPassword })

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  const postId = postIdOf(params.id)
  switch (intentOf(formData)) {
    case 'erase': {
      // someone else's post is a 404 before any password is asked for
      if (!(await getOwnForumPost({ userId: user.id, postId }))) throw new Response(NOT_FOUND, { status: 404 })
      const form = parseForm(EraseSchema, formData)
      if (!form.ok) return data({ errors: form.errors }, { status: 400 })
      const check = await confirmPassword(context, form.data.password)
      if (!check.ok) return data({ errors: { password: check.message } as Record<string, string> }, { status: 400 })
      const outcome = await eraseForumPost({ userId: user.id, postId, mode: form.data.mode, actor: { type: 'customer', id: user.id } })
      if (!outcome) throw new Response(NOT_FOUND, { status: 404 })
      const action = outcome.status === 'held' ? 'held' : outcome.action
      return redirect(`/my-data/erase/forum_posts?done=${outcome.requestNumber}&rows=${outcome.rows}&action=${action}`)
    }
    default:
      return data({ errors: { form: 'Unknown action.' } as Record<string, string> }, { status: 400 })
  }
}

export default function EraseForumPost() {
  const { post } = useLoaderData<typeof loader>()
  const { errors } = useFormFeedback()
  const what = post.parentId ? 'comment' : 'forum post'
  return (
    <section className="erasure">
      <h1>Erase {post.parentId ? 'a comment' : 'a forum post'}</h1>
      <blockquote className="card">
        {post.title ? <strong>{post.title}</strong> : null}
        <p>{post.body}</p>
        <p className="muted">Written on {post.createdAt}</p>
      </blockquote>
      <Form method="post" className="stack card" noValidate>
        <FormError error={errors.form} />
        <ForumEraseModeField
          legend="What should happen to it?"
          deleteLabel={
            <>
            Delete it
            {post.comments > 0 ? ` (the ${post.comments} ${post.comments === 1 ? 'comment' : 'comments'} under it go with it)` : ''}
          </>
          }
          anonymiseLabel="Anonymise it: the text stays, the author becomes “deleted user”, your email address is removed"
          error={errors.mode}
        />
        <p id="erase-summary">
          {post.comments > 0
            ? `Deleting removes this ${what} and the ${post.comments} ${post.comments === 1 ? 'comment' : 'comments'} under it. `
            : ''}
          <strong>It cannot be undone</strong>: no copy is kept in the archive of changes.
        </p>
        <Field
          label="Your password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={128}
          error={errors.password}
          hint="For your protection we ask for it again before anything is erased."
        />
        <button type="submit" name="intent" value="erase" className="button-danger">
          Erase
        </button>
      </Form>
      <p>
        <Link to="/my-data#category-forum_posts">Back to My data</Link>
      </p>
    </section>
  )
}
