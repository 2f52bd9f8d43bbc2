// One way to turn a submitted form into typed data or per-field messages.
import { z } from 'zod'

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

export function singleLine(label: string, max: number) {
  return z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `${capitalise(label)} must be at most ${max} characters.`)
    .refine((v) => !CONTROL_SINGLE_LINE.test(v), `${capitalise(label)} contains characters that are not allowed.`)
}

export function multiLine(label: string, max: number) {
  return z
    .string({ required_error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `${capitalise(label)} must be at most ${max} characters.`)
    .refine((v) => !CONTROL.test(v), `${capitalise(label)} contains characters that are not allowed.`)
}

export const email = z
  .string({ required_error: 'Enter your email address.' })
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'An email address has at most 254 characters.')
  .email('Enter a valid email address, like name@example.com.')
  .transform((v) => v.toLowerCase())

export const password = z
  .string({ required_error: 'Enter a password.' })
  .min(8, 'Use at least 8 characters.')
  .max(128, 'Use at most 128 characters.')
  .refine((v) => !CONTROL_SINGLE_LINE.test(v), 'The password contains characters that are not allowed.')

// For logins: any length up to the maximum; the strength rules apply when choosing a password.
export const currentPassword = z
  .string({ required_error: 'Enter your password.' })
  .min(1, 'Enter your password.')
  .max(128, 'Use at most 128 characters.')

export const username = z
  .string({ required_error: 'Choose a username.' })
  .trim()
  .min(3, 'Use at least 3 characters.')
  .max(32, 'Use at most 32 characters.')
  .regex(/^[A-Za-z0-9._-]+$/, 'Use letters, digits, dots, dashes and underscores only.')

export const code = z
  .string({ required_error: 'Enter the 6-digit code.' })
  .trim()
  .regex(/^\d{6}$/, 'Enter the 6-digit code from the email.')

export function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

export function intentOf(formData: FormData) {
  const intent = formData.get('intent')
  return typeof intent === 'string' ? intent : ''
}
