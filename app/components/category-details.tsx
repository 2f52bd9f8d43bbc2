import { useTranslation } from 'react-i18next'
import type { CategorySummary } from '~/lib/access/my-data-view.server'

/** The short facts of a category, the same on the summary card and on the category's own page. */
export function CategoryFacts({ category }: { category: CategorySummary }) {
  const { t } = useTranslation()
  return (
    <dl className="facts facts-stack">
      <dt>{t('mydata:category.why')}</dt>
      <dd>{category.purpose.name}</dd>
      <dt>{t('mydata:category.legalBasis')}</dt>
      <dd>{category.legalBasis.article}</dd>
      <dt>{t('mydata:category.retention')}</dt>
      <dd>{category.retention.name}</dd>
      <dt>{t('mydata:category.howMany')}</dt>
      <dd>{t('mydata:category.items', { count: category.total })}</dd>
    </dl>
  )
}

/** The registry's full texts for a category: on demand, so the summary stays short. */
export function CategoryDetails({ category, open = false }: { category: CategorySummary; open?: boolean }) {
  const { t } = useTranslation()
  return (
    <details className="category-details" open={open}>
      <summary>{t('mydata:category.more')}</summary>
      <dl className="facts facts-stack">
        <dt>{t('mydata:category.why')}</dt>
        <dd>
          {category.purpose.name}: {category.purpose.description}
        </dd>
        <dt>{t('mydata:category.legalBasis')}</dt>
        <dd>
          {category.legalBasis.article}: {category.legalBasis.description}
        </dd>
        <dt>{t('mydata:category.retention')}</dt>
        <dd>
          {category.retention.name}. {category.retention.description}
          {category.retention.legalReason ? ` (${category.retention.legalReason})` : null}
        </dd>
        <dt>{t('mydata:category.source')}</dt>
        <dd>{category.source}</dd>
        <dt>{t('mydata:category.recipients')}</dt>
        <dd>{category.recipients.length ? category.recipients.join(', ') : t('mydata:category.noRecipients')}</dd>
      </dl>
    </details>
  )
}
