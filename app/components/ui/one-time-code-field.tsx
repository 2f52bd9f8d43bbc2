import type { FieldMetadata } from '@conform-to/react'
import type { ReactNode } from 'react'
import { fieldProps } from './conform'
import { Field } from './field'

// The six-digit code from an email (signing in, confirming an address, a request without an account, a new
// address): digits on a phone's keypad, and the browser may fill it in from the message. Like a password, it is
// never written back into the page after a refusal (the replies hide it too: hideFields: ['code']).
export function OneTimeCodeField({ label, field }: { label: ReactNode; field: Pick<FieldMetadata<unknown>, 'name' | 'required' | 'minLength' | 'maxLength' | 'errors' | 'initialValue'> }) {
  const { defaultValue: _never, ...props } = fieldProps(field)
  return <Field label={label} inputMode="numeric" autoComplete="one-time-code" {...props} />
}
