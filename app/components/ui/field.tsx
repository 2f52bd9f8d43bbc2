import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'
import { useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { translateMessage } from '~/i18n/translate'

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: ReactNode
  name: string
  error?: string
  hint?: ReactNode
}

// A labelled input with its hint and its error next to it, wired up for screen readers.
export function Field({ label, name, error, hint, id, type = 'text', ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`
  const describedBy = [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null].filter(Boolean).join(' ') || undefined
  if (type === 'checkbox') {
    // a box is ticked or not (defaultChecked); a text to show again (fieldProps' defaultValue) has no meaning here
    const { defaultValue: _text, ...box } = input
    return (
      <div className="field">
        <div className="field-check">
          <input id={inputId} name={name} type="checkbox" aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...box} />
          <label htmlFor={inputId}>{label}</label>
        </div>
        {hint ? <span id={`${inputId}-hint`} className="hint">{hint}</span> : null}
        {error ? <FieldErrorText id={`${inputId}-error`} message={error} /> : null}
      </div>
    )
  }
  // a password is never written back into the page, whatever a reply kept of it (decision 093: hideFields)
  const { defaultValue: _secret, ...withoutDefault } = input
  const rest = type === 'password' ? withoutDefault : input
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint ? <span id={`${inputId}-hint`} className="hint">{hint}</span> : null}
      <input id={inputId} name={name} type={type} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest} />
      {error ? <FieldErrorText id={`${inputId}-error`} message={error} /> : null}
    </div>
  )
}

// A field's message: a key from the server ("validation:tooLong|{...}") or words, shown in the page's language.
export function FieldErrorText({ id, message }: { id: string; message: string }) {
  const { t } = useTranslation()
  return (
    <p id={id} className="field-error" role="alert">
      {translateMessage(t, message)}
    </p>
  )
}

export function FormError({ error }: { error?: string }) {
  const { t } = useTranslation()
  return error ? <p className="notice notice-error" role="alert">{translateMessage(t, error)}</p> : null
}

interface FieldFrameProps {
  label: ReactNode
  name: string
  error?: string
  hint?: ReactNode
  id?: string
}

// The label, hint and error around any control, with the same ids as Field (field-<name>, field-<name>-error).
function describedByOf(inputId: string, hint: ReactNode, error?: string) {
  return [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null].filter(Boolean).join(' ') || undefined
}

export function TextAreaField({ label, name, error, hint, id, ...textarea }: FieldFrameProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const inputId = id ?? `field-${name}`
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint ? <span id={`${inputId}-hint`} className="hint">{hint}</span> : null}
      <textarea id={inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedByOf(inputId, hint, error)} {...textarea} />
      {error ? <FieldErrorText id={`${inputId}-error`} message={error} /> : null}
    </div>
  )
}

export function SelectField({ label, name, error, hint, id, options, ...select }: FieldFrameProps & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly { value: string; label: string }[] }) {
  const inputId = id ?? `field-${name}`
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint ? <span id={`${inputId}-hint`} className="hint">{hint}</span> : null}
      <select id={inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedByOf(inputId, hint, error)} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? <FieldErrorText id={`${inputId}-error`} message={error} /> : null}
    </div>
  )
}

// What the action sent back after bad input: a message per field, and the values to show again.
export function useFormFeedback() {
  const actionData = useActionData() as { errors?: Record<string, string | undefined>; values?: Record<string, string | undefined> } | undefined
  return { errors: actionData?.errors ?? {}, values: actionData?.values ?? {} }
}
