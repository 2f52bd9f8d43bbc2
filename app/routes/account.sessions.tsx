import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { FormError, useFormFeedback } from '~/components/ui/field'
import { msg, pageTitle } from '~/i18n/translate'
import { ABSOLUTE_TIMEOUT_HOURS, endOtherSessions, endOwnSession, endSession, IDLE_TIMEOUT_MINUTES, listSessions, requireUser } from '~/lib/platform/auth.server'
import { intentOf, parseForm } from '~/lib/domain/validation/form'
import { formatDateTime } from '~/lib/domain/format'
import { getLanguage } from '~/lib/platform/i18n.server'
import { redirectWithToast } from '~/lib/platform/toast.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account:sessions.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const language = await getLanguage(request)
  const rows = await listSessions({ userId: user.id })
  return {
    idleMinutes: IDLE_TIMEOUT_MINUTES,
    absoluteHours: ABSOLUTE_TIMEOUT_HOURS,
    sessions: rows.map((s) => ({
      // the id is the bearer credential: show and post only a short reference to it
      ref: s.id.slice(0, 12),
      createdAt: formatDateTime(s.createdAt, language),
      lastActiveAt: formatDateTime(new Date(s.expiresAt.getTime() - IDLE_TIMEOUT_MINUTES * 60_000), language),
      device: describeDevice(s.userAgent),
      current: s.id === context.auth!.session.id,
    })),
  }
}

const BROWSERS = { firefox: 'Firefox', edge: 'Edge', chrome: 'Chrome', safari: 'Safari' } as const
const SYSTEMS = { windows: 'Windows', android: 'Android', ios: 'iOS', macos: 'macOS', linux: 'Linux' } as const

// Browser and system names only: the user agent string itself is never shown or logged.
function describeDevice(userAgent: string | null): { browser: string | null; system: string | null } | null {
  if (!userAgent) return null
  const browser = /Firefox\//.test(userAgent) ? BROWSERS.firefox : /Edg\//.test(userAgent) ? BROWSERS.edge : /Chrom(e|ium)\//.test(userAgent) ? BROWSERS.chrome : /Safari\//.test(userAgent) ? BROWSERS.safari : null
  const system = /Windows/.test(userAgent) ? SYSTEMS.windows : /Android/.test(userAgent) ? SYSTEMS.android : /iPhone|iPad/.test(userAgent) ? SYSTEMS.ios : /Mac OS X/.test(userAgent) ? SYSTEMS.macos : /Linux/.test(userAgent) ? SYSTEMS.linux : null
  return { browser, system }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request)
  const currentId = context.auth!.session.id
  const formData = await request.formData()
  switch (intentOf(formData)) {
    case 'end-one': {
      const form = parseForm(z.object({ ref: z.string().regex(/^[A-Za-z0-9]{12}$/) }), formData)
      if (!form.ok) return data({ errors: { form: msg('account:sessions.unknown') } }, { status: 400 })
      const sessions = await listSessions({ userId: user.id })
      const target = sessions.find((s) => s.id.startsWith(form.data.ref))
      if (!target) return data({ errors: { form: msg('account:sessions.alreadyEnded') } }, { status: 404 })
      if (target.id === currentId) return redirect('/login', { headers: { 'Set-Cookie': await endSession(currentId) } })
      await endOwnSession({ userId: user.id, sessionId: target.id })
      return redirectWithToast('/account/sessions', 'account:sessions.ended', { count: 1 })
    }
    case 'end-others': {
      const count = await endOtherSessions({ userId: user.id, currentSessionId: currentId })
      return redirectWithToast('/account/sessions', 'account:sessions.ended', { count })
    }
    default:
      return data({ errors: { form: msg('account:unknownAction') } }, { status: 400 })
  }
}

export default function Sessions() {
  const { sessions, idleMinutes, absoluteHours } = useLoaderData<typeof loader>()
  const { errors } = useFormFeedback()
  const { t } = useTranslation()
  const deviceName = (d: (typeof sessions)[number]['device']) =>
    !d
      ? t('account:sessions.unknownDevice')
      : t('account:sessions.device', { browser: d.browser ?? t('account:sessions.aBrowser'), system: d.system ?? t('account:sessions.anUnknownSystem') })
  return (
    <section>
      <h1>{t('account:sessions.heading')}</h1>
      <p className="muted">{t('account:sessions.explain', { idleMinutes, absoluteHours })}</p>
      <FormError error={errors.form} />
      <div className="table-scroll" role="region" aria-label={t('account:sessions.heading')} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('account:sessions.deviceColumn')}</th>
              <th scope="col">{t('account:sessions.loggedIn')}</th>
              <th scope="col">{t('account:sessions.lastActive')}</th>
              <th scope="col">{t('account:sessions.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.ref}>
                <td>
                  {deviceName(s.device)} {s.current ? <span className="tag">{t('account:sessions.thisSession')}</span> : null}
                </td>
                <td>{s.createdAt}</td>
                <td>{s.lastActiveAt}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="ref" value={s.ref} />
                    <button type="submit" name="intent" value="end-one" className="link-button">
                      {t('account:sessions.signOut')}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sessions.length > 1 ? (
        <Form method="post">
          <p>
            <button type="submit" name="intent" value="end-others">
              {t('account:sessions.signOutOthers')}
            </button>
          </p>
        </Form>
      ) : null}
    </section>
  )
}
