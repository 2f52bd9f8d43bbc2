import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FormError, useFormFeedback } from '~/components/ui/field'
import { ForumEraseModeField } from '~/components/forum-erase-mode-field'
import { requireCustomer } from '~/lib/platform/auth.server'
import { ERASURE_MODES, isErasableCategory, type ErasableCategory } from '~/lib/domain/erasure'
import { eraseCategory, previewCategoryErasure } from '~/lib/erasure/erasure.server'
import { intentOf, parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Erase data · Privacy Portal' }]

function requireCategory(raw: string | undefined): ErasableCategory {
  if (!raw || !isErasableCategory(raw)) throw new Response('There is nothing to erase at this address.', { status: 404 })
  return raw
}

// what the page says after an erasure; the request number is the customer's own, shown back to them
const DoneSchema = z.object({
  done: z.string().regex(/^DSR-\d{4}-\d{6,}$/),
  rows: z.coerce.number().int().min(0).max(1e9),
  action: z.enum(['deleted', 'anonymised', 'held']),
})

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const categorySlug = requireCategory(params.category)
  const url = new URL(request.url)
  const done = url.searchParams.has('done') ? DoneSchema.safeParse(Object.fromEntries(url.searchParams)) : null
  const preview = await previewCategoryErasure({ userId: user.id, categorySlug })
  return { categorySlug, preview, done: done?.success ? done.data : null }
}

const EraseSchema = z.object({ mode: z.enum(ERASURE_MODES, { message: 'Choose whether to delete or anonymise.' }).default('delete') })

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  const categorySlug = requireCategory(params.category)
  switch (intentOf(formData)) {
    case 'erase': {
      const form = parseForm(EraseSchema, formData)
      if (!form.ok) return data({ errors: form.errors }, { status: 400 })
      // anonymising applies to forum posts only; elsewhere it would be a silent delete
      if (form.data.mode === 'anonymise' && categorySlug !== 'forum_posts') return data({ errors: { mode: 'Only forum posts can be anonymised.' } }, { status: 400 })
      const outcome = await eraseCategory({ userId: user.id, categorySlug, mode: form.data.mode, actor: { type: 'customer', id: user.id } })
      const action = outcome.status === 'held' ? 'held' : outcome.action
      return redirect(`/my-data/erase/${categorySlug}?done=${outcome.requestNumber}&rows=${outcome.rows}&action=${action}`)
    }
    default:
      return data({ errors: { form: 'Unknown action.' } as Record<string, string> }, { status: 400 })
  }
}

export default function EraseCategory() {
  const { categorySlug, preview, done } = useLoaderData<typeof loader>()
  const { errors } = useFormFeedback()
  const forum = categorySlug === 'forum_posts'
  return (
    <section className="erasure">
      <h1>Erase: {preview.name}</h1>
      {done ? (
        <p className={done.action === 'held' ? 'notice' : 'notice notice-ok'} role="status">
          {done.action === 'held'
            ? `Your request ${done.done} was received. A legal hold keeps this data for now; our data protection officer will answer you.`
            : `Done: ${done.rows} ${done.rows === 1 ? 'item' : 'items'} ${done.action}. Request ${done.done} records it, with a receipt.`}{' '}
          <Link to="/requests">Your requests</Link>
        </p>
      ) : null}
      <p>{preview.description}</p>
      <p>
        You have <strong>{preview.count}</strong> {preview.count === 1 ? 'item' : 'items'} in this category.{' '}
        <Link to={`/my-data#category-${categorySlug}`}>See them in My data</Link>.
      </p>
      {preview.hold ? (
        <p className="notice" role="status">
          This data is under a legal hold ({preview.hold}). You can still ask for erasure; our data protection officer decides.
        </p>
      ) : null}
      {preview.archivedVersions > 0 && preview.archiveRule ? (
        <p className="muted">
          Kept: {preview.archivedVersions} earlier {preview.archivedVersions === 1 ? 'version' : 'versions'} of these items in the archive
          of changes. {preview.archiveRule.description} {preview.archiveRule.legalReason}
        </p>
      ) : null}
      {preview.count > 0 ? (
        <Form method="post" className="stack card" noValidate>
          <FormError error={errors.form} />
          {forum ? (
            <ForumEraseModeField
              legend="How should your posts and comments go?"
              deleteLabel={
                <>
                Delete them
                {preview.othersComments > 0
                ? ` (and ${preview.othersComments} ${preview.othersComments === 1 ? 'comment' : 'comments'} of other people under your threads, which go with them)`
                : ''}
              </>
              }
              anonymiseLabel="Anonymise them: the texts stay, the author becomes “deleted user”, your email address is removed"
              error={errors.mode}
            />
          ) : (
            <input type="hidden" name="mode" value="delete" />
          )}
          <p>This cannot be undone. No copy is kept in the archive of changes.</p>
          <button type="submit" name="intent" value="erase" className="button-danger">
            Erase {preview.count} {preview.count === 1 ? 'item' : 'items'}
          </button>
        </Form>
      ) : (
        <p className="muted">Nothing left to erase in this category.</p>
      )}
      <p>
        <Link to="/my-data">Back to My data</Link>
      </p>
    </section>
  )
}
