import { useTranslation } from 'react-i18next'

// "3 days left", "due today", "2 days overdue", in the page's language (days from daysUntilDue).
export function useDaysLeftText() {
  const { t } = useTranslation()
  return (days: number) => (days < 0 ? t('dpo:days.overdue', { count: -days }) : days === 0 ? t('dpo:days.dueToday') : t('dpo:days.left', { count: days }))
}
