import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError, useFormFeedback } from '~/components/ui/field'
import { ForumEraseModeField } from '~/components/forum-erase-mode-field'
import { requireCustomer } from '~/lib/platform/auth.server'
import { ERASURE_MODES, isErasableCategory, type ErasableCategory } from '~/lib/domain/erasure'
import { eraseCategory, previewCategoryErasure } from '~/lib/erasure/erasure.server'
import { confirmPassword } from '~/lib/platform/reauth.server'
import { currentPassword, intentOf, parseForm } from '~/lib/domain/validation/form'

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

const EraseSchema = z.object({
  mode: z.enum(ERASURE_MODES, { message: 'Choose whether to delete or anonymise.' }).default('delete'),
  password: currentPassword,
})

// What the confirmation names, so the customer sees exactly what goes: "12 forum posts and comments".
const NOUNS: Record<ErasableCategory, [one: string, many: string]> = {
  contact_messages: ['contact message', 'contact messages'],
  forum_posts: ['forum post or comment', 'forum posts and comments'],
  feed_subscriptions: ['comment feed subscription', 'comment feed subscriptions'],
  vpn_sessions: ['VPN session record', 'VPN session records'],
}

function countOf(categorySlug: ErasableCategory, n: number) {
  return `${n} ${NOUNS[categorySlug][n === 1 ? 0 : 1]}`
}

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
      // a session alone is not enough to erase: the password again, as for a download or a cancellation
      const check = await confirmPassword(context, form.data.password)
      if (!check.ok) return data({ errors: { password: check.message } as Record<string, string> }, { status: 400 })
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
        <Form method="post" className="stack card" noValidate aria-labelledby="erase-confirm">
          <h2 id="erase-confirm">Confirm the erasure</h2>
          <FormError error={errors.form} />
          <p id="erase-summary">
            {forum ? (
              <>
                This deletes or anonymises, as you choose below, your <strong>{countOf(categorySlug, preview.count)}</strong>.
                {preview.othersComments > 0
                  ? ` Deleting also removes ${preview.othersComments} ${preview.othersComments === 1 ? 'comment' : 'comments'} of other people under your threads.`
                  : ''}
              </>
            ) : (
              <>
                This deletes your <strong>{countOf(categorySlug, preview.count)}</strong>.
              </>
            )}{' '}
            <strong>It cannot be undone</strong>: no copy is kept in the archive of changes.
          </p>
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
            Erase {countOf(categorySlug, preview.count)}
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
