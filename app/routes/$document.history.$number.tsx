import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Trans, useTranslation } from 'react-i18next'
import { AuthoritativeNote, DOCUMENT_WORDS, PolicyDiff, PolicyText } from '~/components/policy-text'
import i18next from 'i18next'
import { languageOf, msg, pageTitle } from '~/i18n/translate'
import { formatDateTime } from '~/lib/domain/format'
import { getLanguage } from '~/lib/platform/i18n.server'
import { redirectWithToast } from '~/lib/platform/toast.server'
import { acknowledgeNotice, checkAckToken, getPublishedVersion, isDocumentSlug, versionIn, type AckTokenState } from '~/lib/policy/policy.server'
import { diffLines, diffStats } from '~/lib/domain/text-diff'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return pageTitle(matches, 'common:errors.notFound.title')
  const t = i18next.getFixedT(languageOf(matches))
  return pageTitle(matches, 'policy:version.title', { document: t(DOCUMENT_WORDS[data.document].title), number: data.number })
}

async function requireVersion(params: { document?: string; number?: string }) {
  if (!isDocumentSlug(params.document)) throw new Response(msg('policy:errors.noDocument'), { status: 404 })
  if (!/^\d{1,6}$/.test(params.number ?? '')) throw new Response(msg('policy:errors.badNumber'), { status: 400 })
  const found = await getPublishedVersion({ document: params.document, number: Number(params.number) })
  if (!found) throw new Response(msg('policy:errors.noVersion'), { status: 404 })
  return { document: params.document, ...found }
}

const ACK_MESSAGES: Record<Exclude<AckTokenState, 'valid'>, string> = {
  used: 'policy:version.ack.used',
  invalid: 'policy:version.ack.invalid',
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { document, version, previous } = await requireVersion(params)
  const language = await getLanguage(request)
  // the link from the notice email only shows the page (mail scanners open links); the button acknowledges
  const ack = new URL(request.url).searchParams.get('ack')
  const ackState = ack === null ? null : await checkAckToken({ token: ack, versionId: version.id })
  const shown = versionIn(version, language)
  // the change in the language shown; against an older version that exists in English only, in English
  const before = previous ? versionIn(previous, shown.textLanguage) : null
  const diffLanguage = before && before.textLanguage !== shown.textLanguage ? 'en' : shown.textLanguage
  const diff = previous ? diffLines(versionIn(previous, diffLanguage).text, versionIn(version, diffLanguage).text) : null
  return {
    document,
    number: version.number,
    ...shown,
    significant: version.significant,
    publishedAt: formatDateTime(version.publishedAt!, language),
    effectiveAt: formatDateTime(version.effectiveAt!, language),
    upcoming: version.effectiveAt!.getTime() > Date.now(),
    previousNumber: previous?.number ?? null,
    diff,
    diffLanguage,
    stats: diff ? diffStats(diff) : null,
    ack: ackState === null ? null : ackState === 'valid' ? { token: ack! } : { problem: ACK_MESSAGES[ackState] },
  }
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { document, version } = await requireVersion(params)
  // a body that is no form is just a missing token
  const token = (await request.formData().catch(() => new FormData())).get('token')
  if (await acknowledgeNotice(token, { versionId: version.id })) return redirectWithToast(`/${document}/history/${version.number}`, 'policy:version.acknowledged')
  const state = await checkAckToken({ token, versionId: version.id })
  return data({ problem: ACK_MESSAGES[state === 'used' ? 'used' : 'invalid'] }, { status: 400 })
}

export default function DocumentVersion() {
  const v = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const problem = actionData?.problem ?? (v.ack && 'problem' in v.ack ? v.ack.problem : null)
  return (
    <article className="policy-page">
      <p>
        <Link to={`/${v.document}/history`}>{t('policy:version.allVersions')}</Link>
      </p>
      <h1>{t('policy:version.title', { document: t(DOCUMENT_WORDS[v.document].title), number: v.number })}</h1>
      {problem ? (
        <p className="notice notice-error" role="alert">
          {t(problem)}
        </p>
      ) : null}
      <AuthoritativeNote textLanguage={v.textLanguage} />
      <dl className="facts facts-stack card">
        <dt>{t('policy:version.published')}</dt>
        <dd>{v.publishedAt}</dd>
        <dt>{v.upcoming ? t('policy:version.takesEffect') : t('policy:version.inForceFrom')}</dt>
        <dd>{t('policy:berlinTime', { date: v.effectiveAt })}</dd>
        <dt>{t('policy:version.whatChanged')}</dt>
        <dd>
          {v.changeSummary} {v.significant ? <span className="tag">{t('policy:history.significant')}</span> : null}
        </dd>
      </dl>
      {v.upcoming && v.significant && v.document !== 'cookies' ? (
        <p className="notice">
          <Trans i18nKey="policy:version.cancelNotice" components={{ a: <Link to="/account/cancel" /> }} />
        </p>
      ) : null}
      {v.diff ? (
        <>
          <h2>
            {t('policy:version.changesSince', { number: v.previousNumber })}{' '}
            <span className="muted">{t('policy:version.stats', { added: v.stats!.added, removed: v.stats!.removed })}</span>
          </h2>
          <PolicyDiff lines={v.diff} lang={v.diffLanguage} />
        </>
      ) : null}
      {v.ack && 'token' in v.ack && !actionData ? (
        <Form method="post" action={`/${v.document}/history/${v.number}`} className="card stack" aria-labelledby="acknowledge-title">
          <h2 id="acknowledge-title">{t('policy:version.ackTitle')}</h2>
          <p>{t('policy:version.ackText')}</p>
          <input type="hidden" name="token" value={v.ack.token} />
          <button type="submit">{t('policy:version.ackButton')}</button>
        </Form>
      ) : null}
      <h2>{t('policy:version.fullText', { number: v.number })}</h2>
      <PolicyText text={v.text} lang={v.textLanguage} />
    </article>
  )
}
