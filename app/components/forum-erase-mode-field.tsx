import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { translateMessage } from '~/i18n/translate'

// Delete or anonymise forum posts: the same choice wherever the customer erases them.
export function ForumEraseModeField({
  legend,
  deleteLabel,
  anonymiseLabel,
  error,
  name = 'mode',
}: {
  legend: string
  deleteLabel: ReactNode
  anonymiseLabel: string
  error?: string
  name?: string
}) {
  const { t } = useTranslation()
  return (
    <fieldset aria-describedby={error ? 'field-mode-error' : undefined}>
      <legend>{legend}</legend>
      <div className="field-check">
        <input id="mode-delete" type="radio" name={name} value="delete" defaultChecked />
        <label htmlFor="mode-delete">{deleteLabel}</label>
      </div>
      <div className="field-check">
        <input id="mode-anonymise" type="radio" name={name} value="anonymise" />
        <label htmlFor="mode-anonymise">{anonymiseLabel}</label>
      </div>
      {error ? (
        <p id="field-mode-error" className="field-error" role="alert">
          {translateMessage(t, error)}
        </p>
      ) : null}
    </fieldset>
  )
}
