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
import { redirectWithToast } from '~/lib/platform/toast.server'
import { getCategoryName, requestCorrection } from '~/lib/rectification/rectification.server'
import { parseRowId, rowIdSchema } from '~/lib/domain/ids'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { CORRECTABLE_ROW_CATEGORIES, CORRECTION_CATEGORIES } from '~/lib/requests/personal-data-tables'
import { multiLine } from '~/lib/domain/validation/form'
import { getLanguage } from '~/lib/platform/i18n.server'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, 'mydata:correction.title', { name: data?.category.name ?? '' })

const Params = z.object({ category: z.enum(CORRECTION_CATEGORIES) })
// one correction link per category: the item, if only one is wrong, is named in the form by its number
const CorrectionSchema = editFormSchema({ row: rowIdSchema(msg('mydata:errors.recordNumber')).optional(), details: multiLine('what is wrong and what would be right', 2000, msg('mydata:correction.detailsRequired')) })

async function categoryOf(params: Record<string, string | undefined>, request: Request) {
  const parsed = Params.safeParse(params)
  const name = parsed.success ? await getCategoryName({ categorySlug: parsed.data.category, language: await getLanguage(request) }) : null
  if (!parsed.success || !name) throw new Response(msg('mydata:errors.notCorrectable'), { status: 404 })
  return { slug: parsed.data.category, name, byItem: CORRECTABLE_ROW_CATEGORIES.includes(parsed.data.category) }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireCustomer(context, request)
  const category = await categoryOf(params, request)
  // the record the link named ("correct this payment"); anything but a record number is left out
  const row = parseRowId(new URL(request.url).searchParams.get('row'))
  return { category, row: row === null ? null : String(row) }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  const category = await categoryOf(params, request)
  const submission = parseWithZod(formData, { schema: CorrectionSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const result = await requestCorrection({ userId: user.id, categorySlug: category.slug, rowId: submission.value.row === undefined ? null : String(submission.value.row), details: submission.value.details })
  if (!result.ok) return data({ result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }) }, { status: 400 })
  return redirectWithToast(`/my-data/${category.slug}`, 'mydata:correction.sent', { number: result.requestNumber })
}

export default function RequestCorrection() {
  const { category, row } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'correction',
    lastResult: actionData?.result,
    defaultValue: { row: row ?? '' },
    constraint: getZodConstraint(CorrectionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CorrectionSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <section>
      <p>
        <Link to={`/my-data#category-${category.slug}`}>{t('mydata:backToMyData')}</Link>
      </p>
      <h1>{t('mydata:correction.title', { name: category.name })}</h1>
      <p>{t('mydata:correction.intro')}</p>
      <p>
        <Trans i18nKey="mydata:correction.restricted" components={{ strong: <strong /> }} />
      </p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        {category.byItem ? (
          <Field
            label={t('mydata:correction.row')}
            inputMode="numeric"
            {...fieldProps(fields.row)}
            hint={t('mydata:correction.rowHint')}
          />
        ) : null}
        <TextAreaField
          label={t('mydata:correction.details')}
          rows={6}
          {...fieldProps(fields.details)}
        />
        <button type="submit">{t('mydata:correction.submit')}</button>
      </Form>
    </section>
  )
}
