import type { FieldMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { z } from 'zod'

// The constraints Conform reads from a form's zod schema (required, lengths), for our own <Field>, which
// sets its ids and aria attributes itself so that errors stay at #field-<name>-error.
export function constraintsOf(field: Pick<FieldMetadata<unknown>, 'required' | 'minLength' | 'maxLength'>) {
  return { required: field.required, minLength: field.minLength, maxLength: field.maxLength }
}

type ConformField = Pick<FieldMetadata<unknown>, 'name' | 'required' | 'minLength' | 'maxLength' | 'errors' | 'initialValue'>

/** The field's text to show again (what was sent last, or the form's default), or undefined when it has none. */
export function initialText(field: Pick<FieldMetadata<unknown>, 'initialValue'>) {
  return typeof field.initialValue === 'string' ? field.initialValue : undefined
}

/**
 * What <Field>, <TextAreaField> and <SelectField> take from a Conform field: its name, the schema's limits, its
 * first message and the text to show again (what was sent last, or the form's default; <Field> never writes one into
 * a password or a checkbox). `{...fieldProps(fields.x)}` comes before any attribute that overrides it.
 */
export function fieldProps(field: ConformField) {
  return {
    name: field.name,
    ...constraintsOf(field),
    error: field.errors?.[0],
    defaultValue: initialText(field),
  }
}

/**
 * What a checkbox <Field type="checkbox"> takes from a Conform field: its name, whether the schema requires it, its
 * first message, and whether it was ticked when the form was last sent (the browser sends "on").
 */
export function checkboxProps(field: Pick<FieldMetadata<unknown>, 'name' | 'required' | 'errors' | 'initialValue'>) {
  return { name: field.name, required: field.required, error: field.errors?.[0], defaultChecked: field.initialValue === 'on' }
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
