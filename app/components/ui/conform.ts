import type { FieldMetadata } from '@conform-to/react'

// The constraints Conform reads from a form's zod schema (required, lengths), for our own <Field>, which
// sets its ids and aria attributes itself so that errors stay at #field-<name>-error.
export function constraintsOf(field: Pick<FieldMetadata<unknown>, 'required' | 'minLength' | 'maxLength'>) {
  return { required: field.required, minLength: field.minLength, maxLength: field.maxLength }
}
