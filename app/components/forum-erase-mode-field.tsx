import type { ReactNode } from 'react'

// Delete or anonymise forum posts: the same choice wherever the customer erases them.
export function ForumEraseModeField({ legend, deleteLabel, anonymiseLabel, error }: { legend: string; deleteLabel: ReactNode; anonymiseLabel: string; error?: string }) {
  return (
    <fieldset aria-describedby={error ? 'field-mode-error' : undefined}>
      <legend>{legend}</legend>
      <div className="field-check">
        <input id="mode-delete" type="radio" name="mode" value="delete" defaultChecked />
        <label htmlFor="mode-delete">{deleteLabel}</label>
      </div>
      <div className="field-check">
        <input id="mode-anonymise" type="radio" name="mode" value="anonymise" />
        <label htmlFor="mode-anonymise">{anonymiseLabel}</label>
      </div>
      {error ? (
        <p id="field-mode-error" className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
