import type { InputHTMLAttributes, ReactNode } from 'react'

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
    return (
      <div className="field">
        <div className="field-check">
          <input id={inputId} name={name} type="checkbox" aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
          <label htmlFor={inputId}>{label}</label>
        </div>
        {hint ? <span id={`${inputId}-hint`} className="hint">{hint}</span> : null}
        {error ? <p id={`${inputId}-error`} className="field-error" role="alert">{error}</p> : null}
      </div>
    )
  }
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint ? <span id={`${inputId}-hint`} className="hint">{hint}</span> : null}
      <input id={inputId} name={name} type={type} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error ? <p id={`${inputId}-error`} className="field-error" role="alert">{error}</p> : null}
    </div>
  )
}

export function FormError({ error }: { error?: string }) {
  return error ? <p className="notice notice-error" role="alert">{error}</p> : null
}
