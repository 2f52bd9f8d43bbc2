import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { z } from 'zod'
import { checkboxProps, fieldProps } from '~/components/ui/conform'
import { Field, FormError, TextAreaField } from '~/components/ui/field'
import { requireDpo } from '~/lib/platform/auth.server'
import { createDraft, generatePrivacyNotice, isDocumentSlug, latestVersion } from '~/lib/policy/policy.server'
import { DOCUMENT_KEYS } from '~/lib/dpo/dpo-labels'
import { pageTitle } from '~/i18n/translate'
import { multiLine, singleLine } from '~/lib/domain/validation/form'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'dpo:policyNew.title')

function documentParam(request: Request) {
  const document = new URL(request.url).searchParams.get('document') ?? undefined
  if (!isDocumentSlug(document)) throw new Response('Bad request', { status: 400 })
  return document
}

// The privacy notice's draft starts from what the registry says today; the others from the last version.
// Both languages are written here: the German text is authoritative, the English one a translation (decision 066).
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const document = documentParam(request)
  const latest = await latestVersion(document)
  const generated = document === 'privacy' ? await generatePrivacyNotice() : null
  const text = generated?.text ?? latest?.text ?? ''
  const textDe = generated?.textDe ?? latest?.textDe ?? ''
  return { document, text, textDe, unchanged: latest?.text === text && latest?.textDe === textDe }
}

const DraftSchema = z.object({
  textDe: multiLine('the German text', 200_000),
  text: multiLine('the English text', 200_000),
  changeSummaryDe: singleLine('a summary of the change in German', 1000),
  changeSummary: singleLine('a summary of the change in English', 1000),
  significant: z.literal('on').optional(),
})

export async function action({ request, context }: ActionFunctionArgs) {
  const dpo = requireDpo(context, request)
  const formData = await request.formData()
  const document = documentParam(request)
  const submission = parseWithZod(formData, { schema: DraftSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const { significant, ...texts } = submission.value
  const version = await createDraft({ document, ...texts, significant: significant === 'on', actorId: dpo.id })
  return redirect(`/dpo/policies/${version.id}`)
}

export default function NewPolicyVersion() {
  const { t } = useTranslation()
  const { document, text, textDe, unchanged } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'new-policy-version',
    lastResult: actionData?.result,
    defaultValue: { text, textDe },
    constraint: getZodConstraint(DraftSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DraftSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const markup = t('dpo:policyNew.markup')
  return (
    <section>
      <h1>{t('dpo:policyNew.heading', { document: t(DOCUMENT_KEYS[document]) })}</h1>
      {unchanged ? <p className="notice">{t('dpo:policyNew.unchanged')}</p> : null}
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <TextAreaField
          label={t('dpo:policyNew.textDe')}
          hint={markup}
          rows={20}
          lang="de"
          {...fieldProps(fields.textDe)}
        />
        <TextAreaField
          label={t('dpo:policyNew.textEn')}
          hint={markup}
          rows={20}
          lang="en"
          {...fieldProps(fields.text)}
        />
        <Field
          label={t('dpo:policyNew.summaryDe')}
          lang="de"
          {...fieldProps(fields.changeSummaryDe)}
        />
        <Field
          label={t('dpo:policyNew.summaryEn')}
          lang="en"
          {...fieldProps(fields.changeSummary)}
        />
        <Field
          label={t('dpo:policyNew.significant')}
          type="checkbox"
          {...checkboxProps(fields.significant)}
        />
        <button type="submit">{t('dpo:policyNew.submit')}</button>
      </Form>
    </section>
  )
}
