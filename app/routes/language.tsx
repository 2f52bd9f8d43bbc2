// The language switch: a plain form, so it works without JavaScript; the page reloads in the new language.
import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { isLanguage } from '~/i18n/config'
import { safeRedirectPath } from '~/lib/domain/safe-redirect'
import { languageCookie } from '~/lib/platform/i18n.server'
import { setAccountLanguage } from '~/lib/rectification/rectification.server'

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData()
  const language = form.get('lng')
  const back = safeRedirectPath(form.get('redirectTo'), '/')
  if (!isLanguage(language)) return redirect(back)
  // a logged-in person's emails follow the choice too (decision 015)
  if (context.auth) await setAccountLanguage({ userId: context.auth.user.id, language })
  return redirect(back, { headers: { 'Set-Cookie': await languageCookie.serialize(language) } })
}

export async function loader() {
  return redirect('/')
}
