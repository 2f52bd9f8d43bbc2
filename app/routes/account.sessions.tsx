import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { ABSOLUTE_TIMEOUT_HOURS, endOtherSessions, endOwnSession, endSession, IDLE_TIMEOUT_MINUTES, listSessions, requireUser } from '~/lib/platform/auth.server'
import { intentOf, parseForm } from '~/lib/domain/validation/form'
import { formatDateTime } from '~/lib/domain/format'

export const meta: MetaFunction = () => [{ title: 'Sessions · Privacy Portal' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const rows = await listSessions({ userId: user.id })
  return {
    currentId: context.auth!.session.id,
    idleMinutes: IDLE_TIMEOUT_MINUTES,
    absoluteHours: ABSOLUTE_TIMEOUT_HOURS,
    sessions: rows.map((s) => ({
      // the id is the bearer credential: show and post only a short reference to it
      ref: s.id.slice(0, 12),
      createdAt: formatDateTime(s.createdAt),
      lastActiveAt: formatDateTime(new Date(s.expiresAt.getTime() - IDLE_TIMEOUT_MINUTES * 60_000)),
      device: describeDevice(s.userAgent),
      current: s.id === context.auth!.session.id,
    })),
  }
}

function describeDevice(userAgent: string | null) {
  if (!userAgent) return 'Unknown device'
  const browser = /Firefox\//.test(userAgent) ? 'Firefox' : /Edg\//.test(userAgent) ? 'Edge' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : 'A browser'
  const os = /Windows/.test(userAgent) ? 'Windows' : /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : 'an unknown system'
  return `${browser} on ${os}`
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const currentId = context.auth!.session.id
  const formData = await request.formData()
  switch (intentOf(formData)) {
    case 'end-one': {
      const form = parseForm(z.object({ ref: z.string().regex(/^[A-Za-z0-9]{12}$/, 'Unknown session.') }), formData)
      if (!form.ok) return data({ error: 'Unknown session.' }, { status: 400 })
      const sessions = await listSessions({ userId: user.id })
      const target = sessions.find((s) => s.id.startsWith(form.data.ref))
      if (!target) return data({ error: 'That session has already ended.' }, { status: 404 })
      if (target.id === currentId) return redirect('/login', { headers: { 'Set-Cookie': await endSession(currentId) } })
      await endOwnSession({ userId: user.id, sessionId: target.id })
      return redirect('/account/sessions?ended=1')
    }
    case 'end-others': {
      const count = await endOtherSessions({ userId: user.id, currentSessionId: currentId })
      return redirect(`/account/sessions?ended=${count}`)
    }
    default:
      return data({ error: 'Unknown action.' }, { status: 400 })
  }
}

export default function Sessions() {
  const { sessions, idleMinutes, absoluteHours } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const ended = params.get('ended')
  return (
    <section>
      <h1>Your sessions</h1>
      <p className="muted">
        A session ends after {idleMinutes} minutes without activity and at the latest {absoluteHours} hours after you logged
        in. We record the browser and system, never your IP address.
      </p>
      {ended ? <p className="notice notice-ok">Signed out {ended === '1' ? 'one session' : `${ended} sessions`}.</p> : null}
      <table>
        <thead>
          <tr>
            <th>Device</th>
            <th>Logged in</th>
            <th>Last active</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.ref}>
              <td>
                {s.device} {s.current ? <span className="tag">this session</span> : null}
              </td>
              <td>{s.createdAt}</td>
              <td>{s.lastActiveAt}</td>
              <td>
                <Form method="post">
                  <input type="hidden" name="ref" value={s.ref} />
                  <button type="submit" name="intent" value="end-one" className="link-button">
                    Sign out
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sessions.length > 1 ? (
        <Form method="post">
          <p>
            <button type="submit" name="intent" value="end-others">
              Sign out all other sessions
            </button>
          </p>
        </Form>
      ) : null}
    </section>
  )
}
