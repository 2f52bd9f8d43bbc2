import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Fragment } from 'react'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CategoryDetails, CategoryFacts } from '~/components/category-details'
import { CategoryErasureLink, ItemErasureLink } from '~/components/erasure-links'
import { CategoryRectificationLinks, hasItemActions, ItemRectificationLink } from '~/components/rectification-links'
import { TableScroll } from '~/components/ui/table-scroll'
import { DATA_CATEGORY_SLUGS, type DataCategorySlug } from '#db/schema'
import { msg, pageTitle } from '~/i18n/translate'
import { CATEGORY_PAGE_SIZE, loadCategoryPage, type CategoryPage } from '~/lib/access/my-data-view.server'
import { decodeCursor, isPaginatedCategory } from '~/lib/access/my-data.server'
import { loadConsentStates } from '~/lib/consent/consent-state.server'
import { requireCustomer } from '~/lib/platform/auth.server'
import { fixedT, getLanguage } from '~/lib/platform/i18n.server'

// the category's name comes from the registry
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, 'mydata:items.title', { name: data?.category.name ?? '' })

// categories whose items are long texts or many fields of one record are shown as cards, the rest as tables
const CARD_CATEGORIES = new Set<string>(['account', 'contact_messages', 'forum_posts', 'archive'])

const isCategory = (slug: string | undefined): slug is DataCategorySlug => (DATA_CATEGORY_SLUGS as readonly string[]).includes(slug ?? '')

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  if (!isCategory(params.category)) throw new Response(msg('mydata:errors.noSuchCategory'), { status: 404 })
  const slug = params.category
  const token = new URL(request.url).searchParams.get('cursor')
  const after = token === null ? null : isPaginatedCategory(slug) ? decodeCursor(token) : null
  if (token !== null && !after) throw new Response(msg('mydata:errors.brokenLink'), { status: 400 })
  const language = await getLanguage(request)
  const consents = slug === 'cookies' ? await loadConsentStates({ request, user }) : []
  const category = await loadCategoryPage({ userId: user.id, slug, after, language, t: fixedT(language), consents })
  if (!category) throw new Response(msg('mydata:errors.noSuchCategory'), { status: 404 })
  return { category, pageSize: CATEGORY_PAGE_SIZE }
}

export default function CategoryItems() {
  const { category } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <article className="my-data my-data-items" id={`category-${category.slug}`}>
      <p>
        <Link to={`/my-data#category-${category.slug}`}>{t('mydata:backToMyData')}</Link>
      </p>
      <h1>
        {category.name} <span className="muted">({category.total})</span>
      </h1>
      <p>{category.description}</p>
      <CategoryFacts category={category} />
      <CategoryDetails category={category} />
      {category.restrictions.map((r) => (
        <p key={`r${r.id}`} className="notice">
          {r.text}.
        </p>
      ))}
      {category.statements.map((s) => (
        <p key={`s${s.id}`} className="notice supplementary-statement">
          {t('mydata:category.statement', { text: s.text })}
        </p>
      ))}
      <ul className="category-actions" aria-label={t('mydata:category.actionsLabel', { name: category.name })} data-category={category.slug}>
        <CategoryRectificationLinks slug={category.slug} name={category.name} total={category.total} />
        <CategoryErasureLink slug={category.slug} name={category.name} total={category.total} />
      </ul>
      {category.items.length === 0 ? (
        <p className="muted empty-category">{category.isFirstPage ? t('mydata:category.empty') : t('mydata:items.noOlder')}</p>
      ) : (
        <>
          <h2 className="items-heading">{t(category.isFirstPage ? 'mydata:items.newest' : 'mydata:items.older', { count: category.items.length })}</h2>
          {CARD_CATEGORIES.has(category.slug) ? <ItemCards category={category} /> : <ItemTable category={category} />}
        </>
      )}
      {category.nextCursor || !category.isFirstPage ? (
        <nav className="pager" aria-label={t('mydata:items.pagerLabel')}>
          {!category.isFirstPage ? <Link to={`/my-data/${category.slug}`}>{t('mydata:items.newestLink')}</Link> : null}
          {category.nextCursor ? (
            <Link to={`/my-data/${category.slug}?cursor=${category.nextCursor}`} rel="next">
              {t('mydata:items.olderLink')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </article>
  )
}

// Short, uniform records read best as a table; it scrolls sideways in its own region on a narrow screen.
function ItemTable({ category }: { category: CategoryPage }) {
  const { t } = useTranslation()
  const withActions = hasItemActions(category.slug)
  return (
    <TableScroll label={t('mydata:items.tableLabel', { name: category.name })}>
      <table className="items-table" data-category={category.slug}>
        <thead>
          <tr>
            {category.columns.map((c) => (
              <th key={c.key} scope="col" data-field={c.key}>
                {c.label}
              </th>
            ))}
            {withActions ? <th scope="col">{t('mydata:items.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {category.items.map((item) => (
            <tr key={item.rowId} id={`item-${category.slug}-${item.rowId}`}>
              {item.cells.map((cell, i) => (
                <td key={category.columns[i].key} data-field={category.columns[i].key}>
                  {cell}
                  {i === 0 && item.restrictions.length > 0
                    ? item.restrictions.map((r) => (
                        <span key={r.id} className="tag item-note">
                          {r.text}
                        </span>
                      ))
                    : null}
                  {i === 0
                    ? item.statements.map((s) => (
                        <span key={s.id} className="supplementary-statement item-note">
                          {t('mydata:category.statement', { text: s.text })}
                        </span>
                      ))
                    : null}
                </td>
              ))}
              {withActions ? (
                <td className="item-actions">
                  <ItemRectificationLink slug={category.slug} rowId={item.rowId} />
                  <ItemErasureLink slug={category.slug} rowId={item.rowId} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

// Records with long texts (posts, messages, archived values) or many fields of one item: one card per item.
function ItemCards({ category }: { category: CategoryPage }) {
  const { t } = useTranslation()
  const [first, ...rest] = category.columns
  return (
    <ol className="item-cards">
      {category.items.map((item) => (
        <li key={item.rowId} id={`item-${category.slug}-${item.rowId}`} className="item-card">
          <h3>
            {first.label} {item.cells[0]}
          </h3>
          {item.restrictions.map((r) => (
            <p key={r.id} className="tag item-note">
              {r.text}
            </p>
          ))}
          {item.statements.map((s) => (
            <p key={s.id} className="supplementary-statement item-note">
              {t('mydata:category.statement', { text: s.text })}
            </p>
          ))}
          <dl className="facts facts-stack">
            {rest.map((c, i) => (
              <Fragment key={c.key}>
                <dt>{c.label}</dt>
                <dd data-field={c.key}>{item.cells[i + 1]}</dd>
              </Fragment>
            ))}
          </dl>
          {hasItemActions(category.slug) ? (
            <p className="item-actions">
              <ItemRectificationLink slug={category.slug} rowId={item.rowId} />
              <ItemErasureLink slug={category.slug} rowId={item.rowId} />
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  )
}
