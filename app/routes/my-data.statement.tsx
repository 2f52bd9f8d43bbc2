import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { fieldProps } from '~/components/ui/conform'
import { FormError, TextAreaField } from '~/components/ui/field'
import { DATA_CATEGORY_SLUGS } from '#db/schema'
import { msg, pageTitle } from '~/i18n/translate'
import { requireCustomer } from '~/lib/platform/auth.server'
import { redirectWithToast } from '~/lib/platform/toast.server'
import { addStatement, getCategoryName } from '~/lib/rectification/rectification.server'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { multiLine } from '~/lib/domain/validation/form'
import { getLanguage } from '~/lib/platform/i18n.server'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, 'mydata:statement.title', { name: data?.category.name ?? '' })

const category = z.enum(DATA_CATEGORY_SLUGS, { errorMap: () => ({ message: msg('mydata:errors.statement.category') }) })
const rowId = z.string().regex(/^[A-Za-z0-9_:-]{1,64}$/, msg('mydata:errors.recordNotFound'))
const StatementSchema = editFormSchema({ category, row: rowId.optional(), statement: multiLine('your statement', 2000, msg('mydata:statement.required')) })

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireCustomer(context, request)
  const url = new URL(request.url)
  const slug = category.safeParse(url.searchParams.get('category'))
  const name = slug.success ? await getCategoryName({ categorySlug: slug.data, language: await getLanguage(request) }) : null
  if (!slug.success || !name) throw new Response(msg('mydata:errors.statement.notFound'), { status: 404 })
  const row = rowId.safeParse(url.searchParams.get('row'))
  return { category: { slug: slug.data, name }, row: row.success ? row.data : null }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const submission = parseWithZod(await request.formData(), { schema: StatementSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const { category: slug, row, statement } = submission.value
  const result = await addStatement({ userId: user.id, categorySlug: slug, rowId: row ?? null, statement })
  if (!result.ok) return data({ result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }) }, { status: 400 })
  return redirectWithToast(`/my-data#category-${slug}`, 'mydata:statement.added', { number: result.requestNumber })
}

export default function AddStatement() {
  const { category: current, row } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'statement',
    lastResult: actionData?.result,
    constraint: getZodConstraint(StatementSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StatementSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <section>
      <p>
        <Link to={`/my-data#category-${current.slug}`}>{t('mydata:backToMyData')}</Link>
      </p>
      <h1>{t('mydata:statement.title', { name: current.name })}</h1>
      <p>{row ? t('mydata:statement.introItem', { row }) : t('mydata:statement.intro')}</p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        {/* the hidden fields' problems are the form's: the person cannot fix them in a field */}
        <FormError error={form.errors?.[0] ?? fields.category.errors?.[0] ?? fields.row.errors?.[0]} />
        <input type="hidden" name={fields.category.name} value={current.slug} />
        {row ? <input type="hidden" name={fields.row.name} value={row} /> : null}
        <TextAreaField
          label={t('mydata:statement.label')}
          rows={6}
          {...fieldProps(fields.statement)}
        />
        <button type="submit">{t('mydata:statement.submit')}</button>
      </Form>
    </section>
  )
}
