import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FormError, TextAreaField, useFormFeedback } from '~/components/ui/field'
import { DATA_CATEGORY_SLUGS } from '#db/schema'
import { requireCustomer } from '~/lib/platform/auth.server'
import { addStatement, getCategoryName } from '~/lib/rectification/rectification.server'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { multiLine, parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Add a statement to your data · Privacy Portal' }]

const category = z.enum(DATA_CATEGORY_SLUGS, { errorMap: () => ({ message: 'Choose the data your statement is about.' }) })
const rowId = z.string().regex(/^[A-Za-z0-9_:-]{1,64}$/, 'Unknown record.')
const StatementSchema = editFormSchema({ category, row: rowId.optional(), statement: multiLine('your statement', 2000) })

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireCustomer(context, request)
  const url = new URL(request.url)
  const slug = category.safeParse(url.searchParams.get('category'))
  const name = slug.success ? await getCategoryName({ categorySlug: slug.data }) : null
  if (!slug.success || !name) throw new Response('Choose the data your statement is about from My data.', { status: 404 })
  const row = rowId.safeParse(url.searchParams.get('row'))
  return { category: { slug: slug.data, name }, row: row.success ? row.data : null }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const form = parseForm(StatementSchema, await request.formData())
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 })
  const result = await addStatement({ userId: user.id, categorySlug: form.data.category, rowId: form.data.row ?? null, statement: form.data.statement })
  if (!result.ok) return data({ errors: { [result.field]: result.message }, values: { statement: form.data.statement } }, { status: 400 })
  return redirect(`/my-data?statement=${encodeURIComponent(result.requestNumber)}`)
}

export default function AddStatement() {
  const { category: current, row } = useLoaderData<typeof loader>()
  const { errors, values } = useFormFeedback()
  return (
    <section>
      <p>
        <Link to="/my-data">← My data</Link>
      </p>
      <h1>Add a statement: {current.name}</h1>
      <p>
        If data about you is incomplete, you may complete it with a statement of your own (Art. 16 GDPR). We show it beside
        the data{row ? ` (record ${row})` : ''} and include it in every copy of your data we hand out.
      </p>
      <Form method="post" className="stack card" noValidate>
        <FormError error={errors.form ?? errors.category ?? errors.row} />
        <input type="hidden" name="category" value={current.slug} />
        {row ? <input type="hidden" name="row" value={row} /> : null}
        <TextAreaField label="Your statement" name="statement" rows={6} defaultValue={values.statement} error={errors.statement} maxLength={2000} required />
        <button type="submit">Add the statement</button>
      </Form>
    </section>
  )
}
