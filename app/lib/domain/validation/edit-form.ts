// Schemas of the correction forms (my-data.edit.*): shared by the routes, free of server code so that
// route modules can build them at load time in the browser bundle too.
import { z } from 'zod'
import { msg } from '~/i18n/translate'
import { singleLine } from './form'

export const NOT_EDITABLE_HERE = msg('validation:notEditableHere')

/**
 * An edit form accepts exactly its own fields (and `intent`): anything else, such as a tampered `role` or
 * `account_expires_at`, rejects the whole submission instead of being ignored or assigned (no mass assignment).
 */
export function editFormSchema<T extends z.ZodRawShape>(shape: T) {
  return z.object({ ...shape, intent: z.string().max(40).optional() }).strict(NOT_EDITABLE_HERE)
}

/** An optional single-line field: left empty, it is absent rather than an error. */
export function optionalSingleLine(label: string, max: number) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), singleLine(label, max).optional())
}
