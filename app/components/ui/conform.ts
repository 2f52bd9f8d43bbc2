import type { FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { z } from 'zod'

// The constraints Conform reads from a form's zod schema (required, lengths), for our own <Field>, which
// sets its ids and aria attributes itself so that errors stay at #field-<name>-error.
export function constraintsOf(field: Pick<FieldMetadata<unknown>, 'required' | 'minLength' | 'maxLength'>) {
  return { required: field.required, minLength: field.minLength, maxLength: field.maxLength }
}

const NO_FIELDS = z.object({})

// An answer about the whole form (an unknown action, too many tries, an expired step) in Conform's shape, for the
// form's lastResult: the message above the form, the values as sent, minus the hidden ones (passwords, codes).
export function formErrorReply(formData: FormData, message: string, hideFields: string[] = []) {
  return parseWithZod(formData, { schema: NO_FIELDS }).reply({ formErrors: [message], hideFields })
}

// A message from a lib function that names the field it is about, or 'form' for the whole form, as reply() options.
export function errorAt(field: string, message: string) {
  return field === 'form' ? { formErrors: [message] } : { fieldErrors: { [field]: [message] } }
}
