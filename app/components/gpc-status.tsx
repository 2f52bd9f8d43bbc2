import { useTranslation } from 'react-i18next'

// Shown where a browser's Global Privacy Control signal changes what happens: /cookies, /consents, the start
// page. `brief` where the page explains the signal already (the cookie settings).
export function GpcHonoured({ brief = false }: { brief?: boolean }) {
  const { t } = useTranslation()
  return (
    <p className="notice notice-ok gpc-status">
      <strong>{t('home:gpc.honoured')}</strong>
      {brief ? null : ` ${t('home:gpc.body')}`}
    </p>
  )
}
