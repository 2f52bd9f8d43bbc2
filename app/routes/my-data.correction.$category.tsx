import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FormError, TextAreaField, useFormFeedback } from '~/components/ui/field'
import { requireCustomer } from '~/lib/platform/auth.server'
import { getCategoryName, requestCorrection } from '~/lib/rectification/rectification.server'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { CORRECTION_CATEGORIES } from '~/lib/requests/personal-data-tables'
import { multiLine, parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Request a correction · Privacy Portal' }]

const Params = z.object({ category: z.enum(CORRECTION_CATEGORIES) })
const rowId = z.string().regex(/^\d{1,15}$/, 'Unknown record.')
const CorrectionSchema = editFormSchema({ row: rowId.optional(), details: multiLine('what is wrong and what would be right', 2000) })

async function categoryOf(params: Record<string, string | undefined>) {
  const parsed = Params.safeParse(params)
  const name = parsed.success ? await getCategoryName({ categorySlug: parsed.data.category }) : null
  if (!parsed.success || !name) throw new Response('You can ask for a correction of payments, VPN sessions, traffic and the affiliate referral here.', { status: 404 })
  return { slug: parsed.data.category, name }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireCustomer(context, request)
  const category = await categoryOf(params)
  const row = rowId.safeParse(new URL(request.url).searchParams.get('row'))
  return { category, row: row.success ? row.data : null }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  const category = await categoryOf(params)
  const form = parseForm(CorrectionSchema, formData)
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 })
  const result = await requestCorrection({ userId: user.id, categorySlug: category.slug, rowId: form.data.row ?? null, details: form.data.details })
  if (!result.ok) return data({ errors: { [result.field]: result.message }, values: { details: form.data.details } }, { status: 400 })
  return redirect(`/my-data?correction=${encodeURIComponent(result.requestNumber)}`)
}

export default function RequestCorrection() {
  const { category, row } = useLoaderData<typeof loader>()
  const { errors, values } = useFormFeedback()
  return (
    <section>
      <p>
        <Link to="/my-data">← My data</Link>
      </p>
      <h1>Request a correction: {category.name}</h1>
      <p>
        You cannot change this data yourself, because it comes from our systems or from a payment provider. Tell us what is
        wrong{row ? ` with record ${row}` : ''} and what would be right. The data protection officer reviews your request and
        answers within one month.
      </p>
      <p>
        Until then the data is <strong>restricted</strong> (Art. 18(1)(a) GDPR): we keep it, but use it for nothing else while
        its accuracy is being checked.
      </p>
      <Form method="post" className="stack card" noValidate>
        <FormError error={errors.form ?? errors.row} />
        {row ? <input type="hidden" name="row" value={row} /> : null}
        <TextAreaField label="What is wrong, and what would be right?" name="details" rows={6} defaultValue={values.details} error={errors.details} maxLength={2000} required />
        <button type="submit">Send the correction request</button>
      </Form>
    </section>
  )
}
