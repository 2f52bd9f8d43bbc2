// A password refused by confirmPassword (platform/reauth.server.ts), as a field message key.
import { msg } from '~/i18n/translate'

export const PASSWORD_CHECK_MESSAGES = {
  logged_out: msg('mydata:errors.password.logged_out'),
  locked: msg('mydata:errors.password.locked'),
  wrong: msg('mydata:errors.password.wrong'),
} as const satisfies Record<'logged_out' | 'locked' | 'wrong', string>
