import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { reportEmailChangeNotMe } from '~/lib/rectification/rectification.server'
import { parseForm } from '~/lib/domain/validation/form'
import { verifyToken } from '~/lib/platform/tokens.server'

export const meta: MetaFunction = () => [{ title: 'Report an email change · Privacy Portal' }]

// Reached from the notice sent to the previous address, usually without a session: the signed token is the guard.
const token = z.string().max(200)

function requireReportToken(value: string | null) {
  const check = verifyToken({ purpose: 'email-change-report', token: value })
  if (!check.ok) {
    throw new Response(check.reason === 'expired' ? 'This link has expired. Write to the data protection officer (contact below).' : 'This link is not valid.', {
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
  const reported = actionData?.reported
  if (reported) {
    return (
      <section>
        <h1>Thank you for telling us</h1>
        <p className="notice notice-ok" role="status">
          {reported.alreadyReported ? 'This change was already reported' : 'We signed out every session of the account'} — request{' '}
          <strong>{reported.requestNumber}</strong>.
        </p>
        <p>
          The data protection officer will contact you at this email address to confirm that the account is yours and to
          restore its email address. Nobody can log in with the old sessions any more.
        </p>
      </section>
    )
  }
  return (
    <section>
      <h1>The email address of your account was changed</h1>
      <p>If you did not make this change, report it. We will then:</p>
      <ul>
        <li>sign out every session of the account at once, and</li>
        <li>open a request for the data protection officer, who contacts you at this address to restore your account.</li>
      </ul>
      <Form method="post">
        <input type="hidden" name="token" value={value} />
        <button type="submit">This was not me</button>
      </Form>
    </section>
  )
}
