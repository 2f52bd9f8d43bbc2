// One way to turn a submitted form into typed data or per-field messages.
import { z } from 'zod'
import { msg } from '~/i18n/translate'

export type FieldErrors = Record<string, string>

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> }

export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): FormResult<z.infer<S>> {
  const values: Record<string, string> = {}
  for (const [key, value] of formData.entries()) {
    // files are never expected; only the first value of a repeated field counts
    if (typeof value === 'string' && !(key in values)) values[key] = value
  }
  const result = schema.safeParse(values)
  if (result.success) return { ok: true, data: result.data }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message
  }
  // never echo passwords back into the page
  const echoed = Object.fromEntries(Object.entries(values).filter(([k]) => !/password|code/i.test(k)))
  return { ok: false, errors, values: echoed }
}

// Control characters (other than tab and newlines in multi-line text) have no place in form input.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/

// Messages are keys of the "validation" catalogue, shown next to their field in the reader's language
// (components/ui/field.tsx), so they need not repeat the field's label. `label` documents the call site.
// `required`: a message that says what to enter, where "Please fill in this field" would say too little.
export function singleLine(_label: string, max: number, required = msg('validation:required')) {
  return z
    .string({ required_error: required })
    .trim()
    .min(1, required)
    .max(max, msg('validation:tooLong', { max }))
    .refine((v) => !CONTROL_SINGLE_LINE.test(v), msg('validation:badCharacters'))
}

export function multiLine(_label: string, max: number, required = msg('validation:required')) {
  return z
    .string({ required_error: required })
    .trim()
    .min(1, required)
    .max(max, msg('validation:tooLong', { max }))
    .refine((v) => !CONTROL.test(v), msg('validation:badCharacters'))
}

export const email = z
  .string({ required_error: msg('validation:emailRequired') })
  .trim()
  .min(1, msg('validation:emailRequired'))
  .max(254, msg('validation:emailTooLong'))
  .email(msg('validation:emailInvalid'))
  .transform((v) => v.toLowerCase())

export const password = z
  .string({ required_error: msg('validation:passwordNew') })
  .min(8, msg('validation:tooShort', { min: 8 }))
  .max(128, msg('validation:tooLong', { max: 128 }))
  .refine((v) => !CONTROL_SINGLE_LINE.test(v), msg('validation:badCharacters'))

// For logins: any length up to the maximum; the strength rules apply when choosing a password.
export const currentPassword = z
  .string({ required_error: msg('validation:passwordCurrent') })
  .min(1, msg('validation:passwordCurrent'))
  .max(128, msg('validation:tooLong', { max: 128 }))

export const username = z
  .string({ required_error: msg('validation:usernameRequired') })
  .trim()
  .min(3, msg('validation:tooShort', { min: 3 }))
  .max(32, msg('validation:tooLong', { max: 32 }))
  .regex(/^[A-Za-z0-9._-]+$/, msg('validation:usernameCharacters'))

// the name shown with forum posts and comments (/my-data/edit/forum-name, and the DPO's correction of it)
export const forumDisplayName = singleLine('a display name', 60)

export const code = z
  .string({ required_error: msg('validation:codeRequired') })
  .trim()
  .max(6, msg('validation:codeRequired'))
  .regex(/^\d{6}$/, msg('validation:codeRequired'))

export function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

export function intentOf(formData: FormData) {
  const intent = formData.get('intent')
  return typeof intent === 'string' ? intent : ''
}
