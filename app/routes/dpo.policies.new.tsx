import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError, useFormFeedback, FieldErrorText } from '~/components/ui/field'
import { requireDpo } from '~/lib/platform/auth.server'
import { createDraft, generatePrivacyNotice, getDocumentName, isDocumentSlug, latestVersion } from '~/lib/policy/policy.server'
import { multiLine, parseForm, singleLine } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'New policy version · DPO workspace' }]

function documentParam(request: Request) {
  const document = new URL(request.url).searchParams.get('document') ?? undefined
  if (!isDocumentSlug(document)) throw new Response('Choose a document: privacy, terms or cookies.', { status: 400 })
  return document
}

// The privacy notice's draft starts from what the registry says today; the others from the last version.
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const document = documentParam(request)
  const latest = await latestVersion(document)
  const text = document === 'privacy' ? (await generatePrivacyNotice()).text : (latest?.text ?? '')
  return { document, name: await getDocumentName(document), text, unchanged: latest?.text === text }
}

const DraftSchema = z.object({
  text: multiLine('the text', 200_000),
  changeSummary: singleLine('a summary of the change', 1000),
  significant: z.literal('on').optional(),
})

export async function action({ request, context }: ActionFunctionArgs) {
  const dpo = requireDpo(context, request)
  const formData = await request.formData()
  const document = documentParam(request)
  const form = parseForm(DraftSchema, formData)
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 })
  const version = await createDraft({ document, text: form.data.text, changeSummary: form.data.changeSummary, significant: form.data.significant === 'on', actorId: dpo.id })
  return redirect(`/dpo/policies/${version.id}`)
}

export default function NewPolicyVersion() {
  const { name, text, unchanged } = useLoaderData<typeof loader>()
  const { errors, values } = useFormFeedback()
  return (
    <section>
      <h1>New version of the {name}</h1>
      {unchanged ? <p className="notice">The text is the same as the latest version: change it, or there is nothing to publish.</p> : null}
      <Form method="post" className="stack card" noValidate>
        <FormError error={errors.form} />
        <div className="field">
          <label htmlFor="field-text">Text</label>
          <span className="hint">Lines starting with “## ” and “### ” are headings, “- ” list items.</span>
          <textarea id="field-text" name="text" rows={24} defaultValue={values.text ?? text} aria-invalid={errors.text ? true : undefined} aria-describedby={errors.text ? 'field-text-error' : undefined} />
          {errors.text ? <FieldErrorText id="field-text-error" message={errors.text} /> : null}
        </div>
        <Field label="What changes, in one or two sentences (sent to every customer)" name="changeSummary" defaultValue={values.changeSummary} error={errors.changeSummary} maxLength={1000} />
        <Field label="This is a significant change (14 days' notice; customers are told how to cancel)" name="significant" type="checkbox" defaultChecked={values.significant === 'on'} error={errors.significant} />
        <button type="submit">Save draft and preview the changes</button>
      </Form>
    </section>
  )
}
