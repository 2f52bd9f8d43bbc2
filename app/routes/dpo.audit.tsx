import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Trans, useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Field, FormError, TextAreaField } from '~/components/ui/field'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { msg, pageTitle } from '~/i18n/translate'
import {
  anchorPublicKey,
  MAX_CHECKPOINT_UPLOAD_BYTES,
  readCheckpoint,
  verifyAgainstStoredAnchors,
  verifyKeptCheckpoint,
  type AnchorSource,
  type CheckpointProblem,
} from '~/lib/requests/audit-anchor.server'
import type { AuditBreakReason, CheckpointState } from '~/lib/requests/audit.server'
import { requireDpo } from '~/lib/platform/auth.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { eventKey } from '~/lib/dpo/dpo-labels'
import { formatDateTime } from '~/lib/domain/format'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'dpo:audit.title')

const REASONS: Record<AuditBreakReason, string> = {
  prev_hash: 'dpo:audit.reasonPrevHash',
  hash: 'dpo:audit.reasonHash',
}

const SOURCES: Record<AnchorSource, string> = {
  scheduled: 'dpo:audit.source.scheduled',
  checkpoint: 'dpo:audit.source.checkpoint',
  report: 'dpo:audit.source.report',
}

type Words = { key: string; params: Record<string, string | number> }

// What a checkpoint's state means, for one kept in a file or in the database.
function checkpointText(c: { state: CheckpointState; entry: number; firstBreakId: number | null; lastEntry?: number | null; anchoredAt: string }): Words {
  const at = c.anchoredAt
  switch (c.state) {
    case 'holds':
      return { key: 'dpo:audit.state.holds', params: { entry: c.entry, at } }
    case 'missing':
      return c.lastEntry != null && c.lastEntry < c.entry
        ? { key: 'dpo:audit.state.cutOff', params: { last: c.lastEntry, entry: c.entry, at } }
        : { key: 'dpo:audit.state.missing', params: { entry: c.entry, at } }
    case 'rewritten':
      return { key: 'dpo:audit.state.rewritten', params: { entry: c.entry, at } }
    case 'broken_before':
      return { key: 'dpo:audit.state.brokenBefore', params: { entry: c.entry, first: c.firstBreakId ?? '' } }
  }
}

// Verified on every visit: the whole chain, row by row, and against every anchor kept (app/lib/requests/audit*.server.ts).
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const language = await getLanguage(request)
  const started = Date.now()
  const { verification: v, last, checked, failing, forged, otherKey } = await verifyAgainstStoredAnchors()
  const firstFailing = failing[0]
  return {
    rows: v.rows,
    headHash: v.headHash,
    lastId: v.lastId,
    intact: v.breakCount === 0,
    breakCount: v.breakCount,
    breaks: v.breaks.map((b) => ({ id: b.id, requestId: b.requestId, kind: eventKey(b.kind), createdAt: formatDateTime(b.createdAt, language), reasons: b.reasons.map((r) => REASONS[r]) })),
    changedEvents: v.changedEvents,
    erasedEvents: v.erasedEvents,
    verifiedAt: formatDateTime(new Date(), language),
    millis: Date.now() - started,
    lastAnchor: last ? { at: formatDateTime(last.anchoredAt, language), entry: last.entry, source: SOURCES[last.source] } : null,
    anchorsChecked: checked,
    anchorsFailing: failing.length,
    firstFailing: firstFailing
      ? checkpointText({ ...firstFailing.result, lastEntry: v.lastId, anchoredAt: formatDateTime(firstFailing.anchor.anchoredAt, language) })
      : null,
    anchorsForged: forged,
    anchorsOtherKey: otherKey,
    publicKey: anchorPublicKey(),
  }
}

// A field message (a key) for each way a kept checkpoint can be unreadable.
function problemText(problem: CheckpointProblem, field?: string) {
  switch (problem) {
    case 'empty':
      return msg('dpo:audit.problem.empty')
    case 'too_large':
      return msg('dpo:audit.problem.tooLarge')
    case 'not_json':
      return msg('dpo:audit.problem.notJson')
    case 'not_a_checkpoint':
      return field ? msg('dpo:audit.problem.notACheckpoint', { field }) : msg('dpo:audit.problem.notACheckpoint', { field: '…' })
    case 'other_key':
      return msg('dpo:audit.problem.otherKey')
    case 'bad_signature':
      return msg('dpo:audit.problem.badSignature')
  }
}

// A kept checkpoint, uploaded as a file or pasted (the file wins when both come); its contents are read by readCheckpoint.
const CheckpointSchema = editFormSchema({
  checkpointFile: z.instanceof(File).optional(),
  checkpoint: z.string().optional(),
}).refine((v) => v.checkpointFile || (v.checkpoint ?? '').trim(), { path: ['checkpoint'], message: msg('dpo:audit.problem.empty') })

// Checks the chain against a checkpoint the DPO kept: uploaded as a file, or pasted.
export async function action({ request, context }: ActionFunctionArgs) {
  requireDpo(context, request)
  const language = await getLanguage(request)
  const submission = parseWithZod(await request.formData(), { schema: CheckpointSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const refused = (problem: CheckpointProblem, field?: string) => data({ result: submission.reply({ fieldErrors: { checkpoint: [problemText(problem, field)] } }) }, { status: 400 })
  const file = submission.value.checkpointFile
  if (file && file.size > MAX_CHECKPOINT_UPLOAD_BYTES) return refused('too_large')
  const read = readCheckpoint(file ? await file.text() : (submission.value.checkpoint ?? ''))
  if (!read.ok) return refused(read.problem, read.field)
  const verdict = await verifyKeptCheckpoint(read.checkpoint)
  const anchoredAt = formatDateTime(new Date(verdict.anchoredAt), language)
  return { verdict: { holds: verdict.state === 'holds', text: checkpointText({ ...verdict, anchoredAt }) } }
}

export default function DpoAudit() {
  const v = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const { t } = useTranslation()
  const verdict = result && 'verdict' in result ? result.verdict : null
  const [form, fields] = useForm({
    id: 'check-checkpoint',
    lastResult: result && 'result' in result ? result.result : undefined,
    constraint: getZodConstraint(CheckpointSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CheckpointSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <section>
      <h1>{t('dpo:audit.title')}</h1>
      <p>{t('dpo:audit.intro')}</p>
      {v.intact ? (
        <p className="notice notice-ok" data-testid="audit-result">
          {t('dpo:audit.intact', { rows: v.rows, at: v.verifiedAt, millis: v.millis })}
        </p>
      ) : (
        <p className="notice notice-error" data-testid="audit-result">
          {t('dpo:audit.broken', { count: v.breakCount, rows: v.rows, first: v.breaks[0]?.id ?? '' })}
        </p>
      )}
      {v.headHash ? (
        <p>
          <Trans i18nKey="dpo:audit.headEntry" values={{ id: v.lastId, hash: v.headHash }} components={{ code: <code className="hash" /> }} />
        </p>
      ) : null}

      <h2>{t('dpo:audit.anchors')}</h2>
      <p>{t('dpo:audit.anchorsIntro')}</p>
      <p data-testid="audit-last-anchor">
        {v.lastAnchor ? t('dpo:audit.lastAnchor', { at: v.lastAnchor.at, entry: v.lastAnchor.entry, source: t(v.lastAnchor.source) }) : t('dpo:audit.notAnchored')}
      </p>
      {v.anchorsChecked > 0 ? (
        v.anchorsFailing === 0 ? (
          <p className="notice notice-ok" data-testid="audit-anchors">
            {t('dpo:audit.anchorsHold', { count: v.anchorsChecked })}
          </p>
        ) : (
          <p className="notice notice-error" data-testid="audit-anchors">
            {t('dpo:audit.anchorsFailing', { failing: v.anchorsFailing, count: v.anchorsChecked, first: v.firstFailing ? t(v.firstFailing.key, v.firstFailing.params) : '' })}
          </p>
        )
      ) : null}
      {v.anchorsForged > 0 ? <p className="notice notice-error">{t('dpo:audit.anchorsForged', { count: v.anchorsForged })}</p> : null}
      {v.anchorsOtherKey > 0 ? <p className="muted">{t('dpo:audit.anchorsOtherKey', { count: v.anchorsOtherKey })}</p> : null}
      {params.get('checkpoint') === 'empty' ? <p className="notice notice-error">{t('dpo:audit.chainEmpty')}</p> : null}
      <Form method="post" action="/dpo/audit/checkpoint" reloadDocument>
        <button type="submit" disabled={!v.headHash}>
          {t('dpo:audit.downloadCheckpoint')}
        </button>
      </Form>

      <h3>{t('dpo:audit.checkHeading')}</h3>
      <Form method="post" encType="multipart/form-data" className="stack card" aria-label={t('dpo:audit.checkLabel')} {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <Field label={t('dpo:audit.checkpointFile')} name={fields.checkpointFile.name} type="file" accept=".json,application/json" error={fields.checkpointFile.errors?.[0]} />
        <TextAreaField label={t('dpo:audit.orPaste')} name={fields.checkpoint.name} rows={6} error={fields.checkpoint.errors?.[0]} hint={t('dpo:audit.pasteHint')} />
        <button type="submit">{t('dpo:audit.check')}</button>
      </Form>
      {verdict ? (
        <p className={`notice ${verdict.holds ? 'notice-ok' : 'notice-error'}`} data-testid="checkpoint-verdict" role="status">
          {t(verdict.text.key, verdict.text.params)}
        </p>
      ) : null}
      <p className="muted">
        <Trans i18nKey="dpo:audit.publicKey" values={{ key: v.publicKey }} components={{ code: <code className="hash" /> }} />
      </p>

      {v.breaks.length > 0 ? (
        <>
          <h2>{t('dpo:audit.breaksHeading')}</h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('dpo:audit.tableLabel')}>
            <table className="audit-breaks">
              <thead>
                <tr>
                  <th scope="col">{t('dpo:audit.colEntry')}</th>
                  <th scope="col">{t('dpo:audit.colWritten')}</th>
                  <th scope="col">{t('dpo:audit.colKind')}</th>
                  <th scope="col">{t('dpo:audit.colRequest')}</th>
                  <th scope="col">{t('dpo:audit.colWrong')}</th>
                </tr>
              </thead>
              <tbody>
                {v.breaks.map((b) => (
                  <tr key={b.id} data-testid={`audit-break-${b.id}`}>
                    <td>{t('dpo:audit.entryNo', { id: b.id })}</td>
                    <td>{b.createdAt}</td>
                    <td>{t(b.kind)}</td>
                    <td>{b.requestId ? <Link to={`/dpo/requests/${b.requestId}`}>{t('dpo:audit.entryNo', { id: b.requestId })}</Link> : '—'}</td>
                    <td>{b.reasons.map((r) => t(r)).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {v.changedEvents.length > 0 ? (
        <p className="notice notice-error">{t('dpo:audit.changedEvents', { count: v.changedEvents.length, ids: v.changedEvents.join(', ') })}</p>
      ) : null}
      {v.erasedEvents > 0 ? <p className="muted">{t('dpo:audit.erasedEvents', { count: v.erasedEvents })}</p> : null}
    </section>
  )
}
