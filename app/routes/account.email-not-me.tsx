import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Trans, useTranslation } from 'react-i18next'
import { pageTitle } from '~/i18n/translate'
import { z } from 'zod'
import { reportEmailChangeNotMe } from '~/lib/rectification/rectification.server'
import { parseForm } from '~/lib/domain/validation/form'
import { verifyToken } from '~/lib/platform/tokens.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account:notMe.title')

// Reached from the notice sent to the previous address, usually without a session: the signed token is the guard.
const token = z.string().max(200)

function requireReportToken(value: string | null) {
  const check = verifyToken({ purpose: 'email-change-report', token: value })
  if (!check.ok) {
    throw new Response(check.reason === 'expired' ? 'account:notMe.expired' : 'account:notMe.invalid', {
      status: check.reason === 'expired' ? 410 : 404,
    })
  }
  return value!
}

export async function loader({ request }: LoaderFunctionArgs) {
  return { token: requireReportToken(new URL(request.url).searchParams.get('token')) }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = parseForm(z.object({ token }), await request.formData())
  const value = requireReportToken(form.ok ? form.data.token : null)
  // a link opened twice (or by a mail scanner and then by the person) reports once
  const result = await reportEmailChangeNotMe({ token: value })
  if (!result.ok) return data({ reported: null }, { status: 400 })
  return { reported: result }
}

export default function EmailNotMe() {
  const { token: value } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const reported = actionData?.reported
  if (reported) {
    return (
      <section>
        <h1>{t('account:notMe.thanks')}</h1>
        <p className="notice notice-ok" role="status">
          <Trans
            i18nKey={reported.alreadyReported ? 'account:notMe.alreadyReported' : 'account:notMe.signedOut'}
            values={{ number: reported.requestNumber }}
            components={{ strong: <strong /> }}
          />
        </p>
        <p>{t('account:notMe.next')}</p>
      </section>
    )
  }
  return (
    <section>
      <h1>{t('account:notMe.heading')}</h1>
      <p>{t('account:notMe.intro')}</p>
      <ul>
        <li>{t('account:notMe.step1')}</li>
        <li>{t('account:notMe.step2')}</li>
      </ul>
      <Form method="post">
        <input type="hidden" name="token" value={value} />
        <button type="submit">{t('account:notMe.submit')}</button>
      </Form>
    </section>
  )
}
