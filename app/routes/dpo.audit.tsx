import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { Field, TextAreaField } from '~/components/ui/field'
import {
  anchorPublicKey,
  MAX_CHECKPOINT_UPLOAD_BYTES,
  readCheckpoint,
  verifyAgainstStoredAnchors,
  verifyKeptCheckpoint,
  type AnchorSource,
  type CheckpointProblem,
} from '~/lib/requests/audit-anchor.server'
import type { CheckpointState } from '~/lib/requests/audit.server'
import { requireDpo } from '~/lib/platform/auth.server'
import { formatDateTime } from '~/lib/domain/format'

export const meta: MetaFunction = () => [{ title: 'Audit trail · DPO workspace' }]

const REASONS = {
  prev_hash: 'does not name the hash of the entry before it (an entry before it was removed or rewritten)',
  hash: 'its content no longer matches its hash (the entry was altered)',
} as const

const SOURCES: Record<AnchorSource, string> = {
  scheduled: 'by the daily job',
  checkpoint: 'when a checkpoint was downloaded',
  report: 'when a report was downloaded',
}

// What a checkpoint's state means, for one kept in a file or in the database.
function checkpointText(c: { state: CheckpointState; entry: number; firstBreakId: number | null; lastEntry?: number | null; anchoredAt: string }) {
  switch (c.state) {
    case 'holds':
      return `The chain still holds it: entry #${c.entry} has the same hash as on ${c.anchoredAt}, and every entry up to it verifies.`
    case 'missing':
      return c.lastEntry != null && c.lastEntry < c.entry
        ? `The chain is broken: it now ends at entry #${c.lastEntry}, before entry #${c.entry} of ${c.anchoredAt}. Its end was cut off.`
        : `The chain is broken: entry #${c.entry} of ${c.anchoredAt} is no longer in it. Entries were removed.`
    case 'rewritten':
      return `The chain is broken: entry #${c.entry} no longer has the hash it had on ${c.anchoredAt}. The chain was rewritten (recomputed) since.`
    case 'broken_before':
      return `The chain is broken: entry #${c.entry} still has the same hash, but the chain breaks at entry #${c.firstBreakId}, before it.`
  }
}

// Verified on every visit: the whole chain, row by row, and against every anchor kept (app/lib/requests/audit*.server.ts).
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const started = Date.now()
  const { verification: v, last, checked, failing, forged, otherKey } = await verifyAgainstStoredAnchors()
  const firstFailing = failing[0]
  return {
    rows: v.rows,
    headHash: v.headHash,
    lastId: v.lastId,
    intact: v.breakCount === 0,
    breakCount: v.breakCount,
    breaks: v.breaks.map((b) => ({ ...b, createdAt: formatDateTime(b.createdAt), reasons: b.reasons.map((r) => REASONS[r]) })),
    changedEvents: v.changedEvents,
    erasedEvents: v.erasedEvents,
    verifiedAt: formatDateTime(new Date()),
    millis: Date.now() - started,
    lastAnchor: last ? { at: formatDateTime(last.anchoredAt), entry: last.entry, source: SOURCES[last.source] ?? last.source } : null,
    anchorsChecked: checked,
    anchorsFailing: failing.length,
    firstFailing: firstFailing
      ? checkpointText({ ...firstFailing.result, lastEntry: v.lastId, anchoredAt: formatDateTime(firstFailing.anchor.anchoredAt) })
      : null,
    anchorsForged: forged,
    anchorsOtherKey: otherKey,
    publicKey: anchorPublicKey(),
  }
}

function problemText(problem: CheckpointProblem, field?: string) {
  switch (problem) {
    case 'empty':
      return 'Choose the checkpoint file you kept, or paste its contents.'
    case 'too_large':
      return 'This is not a checkpoint file from this portal: it is far too large.'
    case 'not_json':
      return 'This is not a checkpoint file from this portal: it is not JSON.'
    case 'not_a_checkpoint':
      return `This is not a checkpoint file from this portal, or it was edited: "${field ?? 'the file'}" is missing or not valid.`
    case 'other_key':
      return 'This checkpoint was signed with another key (by another portal, or before AUDIT_ANCHOR_KEY or SESSION_SECRET was changed), so it cannot be checked here.'
    case 'bad_signature':
      return 'The signature does not match the checkpoint: the file was changed after it was downloaded. It cannot be trusted.'
  }
}

// Checks the chain against a checkpoint the DPO kept: uploaded as a file, or pasted.
export async function action({ request, context }: ActionFunctionArgs) {
  requireDpo(context, request)
  const form = await request.formData()
  const file = form.get('checkpointFile')
  const pasted = form.get('checkpoint')
  let text = typeof pasted === 'string' ? pasted : ''
  if (file instanceof File && file.size > 0) {
    if (file.size > MAX_CHECKPOINT_UPLOAD_BYTES) return data({ errors: { checkpoint: problemText('too_large') } }, { status: 400 })
    text = await file.text()
  }
  const read = readCheckpoint(text)
  if (!read.ok) return data({ errors: { checkpoint: problemText(read.problem, read.field) } }, { status: 400 })
  const verdict = await verifyKeptCheckpoint(read.checkpoint)
  const anchoredAt = formatDateTime(new Date(verdict.anchoredAt))
  return { verdict: { holds: verdict.state === 'holds', text: checkpointText({ ...verdict, anchoredAt }) } }
}

export default function DpoAudit() {
  const v = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const errors: { checkpoint?: string } = result && 'errors' in result ? result.errors : {}
  const verdict = result && 'verdict' in result ? result.verdict : null
  return (
    <section>
      <h1>Audit trail</h1>
      <p>
        Every request event and every change the DPO makes is appended to a hash chain when it is saved: each entry holds the
        hash of the entry before it. The chained fields carry no personal data, so erasing a person does not break it.
      </p>
      {v.intact ? (
        <p className="notice notice-ok" data-testid="audit-result">
          The chain is intact: {v.rows} entries verified on {v.verifiedAt} ({v.millis} ms).
        </p>
      ) : (
        <p className="notice notice-error" data-testid="audit-result">
          The chain is broken at {v.breakCount} {v.breakCount === 1 ? 'entry' : 'entries'} of {v.rows}. The first break is at entry #{v.breaks[0]?.id}.
        </p>
      )}
      {v.headHash ? (
        <p>
          Current head: entry #{v.lastId}, <code className="hash">{v.headHash}</code>.
        </p>
      ) : null}

      <h2>Anchors</h2>
      <p>
        Someone with full rights on the database could cut off the end of the chain or recompute all of it, and the chain
        would still look intact. A checkpoint (the last entry and its hash at a moment, signed with a key the database does not
        hold) proves later what the chain contained then: keep the file somewhere else. Every monthly report carries one too.
      </p>
      <p data-testid="audit-last-anchor">
        {v.lastAnchor
          ? `Last anchored on ${v.lastAnchor.at} at entry #${v.lastAnchor.entry}, ${v.lastAnchor.source}.`
          : 'Not anchored yet.'}
      </p>
      {v.anchorsChecked > 0 ? (
        v.anchorsFailing === 0 ? (
          <p className="notice notice-ok" data-testid="audit-anchors">
            All {v.anchorsChecked} anchors kept by the portal still hold.
          </p>
        ) : (
          <p className="notice notice-error" data-testid="audit-anchors">
            {v.anchorsFailing} of {v.anchorsChecked} anchors kept by the portal no longer hold. The first: {v.firstFailing}
          </p>
        )
      ) : null}
      {v.anchorsForged > 0 ? (
        <p className="notice notice-error">{v.anchorsForged} anchor(s) in the database carry a signature that does not match them: they were not made by this portal.</p>
      ) : null}
      {v.anchorsOtherKey > 0 ? <p className="muted">{v.anchorsOtherKey} anchor(s) were signed with an earlier key and cannot be checked.</p> : null}
      {params.get('checkpoint') === 'empty' ? <p className="notice notice-error">The chain is empty: there is nothing to anchor yet.</p> : null}
      <Form method="post" action="/dpo/audit/checkpoint" reloadDocument>
        <button type="submit" disabled={!v.headHash}>
          Download a checkpoint
        </button>
      </Form>

      <h3>Check a checkpoint you kept</h3>
      <Form method="post" encType="multipart/form-data" className="stack card" noValidate aria-label="Check a checkpoint">
        <Field label="Checkpoint file" name="checkpointFile" type="file" accept=".json,application/json" />
        <TextAreaField
          label="Or paste its contents"
          name="checkpoint"
          rows={6}
          error={errors.checkpoint}
          hint="The file is small JSON text beginning with {&quot;format&quot;: &quot;privacy-portal-audit-checkpoint&quot;."
        />
        <button type="submit">Check the chain against it</button>
      </Form>
      {verdict ? (
        <p className={`notice ${verdict.holds ? 'notice-ok' : 'notice-error'}`} data-testid="checkpoint-verdict" role="status">
          {verdict.text}
        </p>
      ) : null}
      <p className="muted">
        Checkpoints are signed with the Ed25519 public key <code className="hash">{v.publicKey}</code> (base64url).
      </p>

      {v.breaks.length > 0 ? (
        <>
          <h2>Where the chain breaks</h2>
          <table className="audit-breaks">
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col">Written</th>
                <th scope="col">Kind</th>
                <th scope="col">Request</th>
                <th scope="col">What is wrong</th>
              </tr>
            </thead>
            <tbody>
              {v.breaks.map((b) => (
                <tr key={b.id} data-testid={`audit-break-${b.id}`}>
                  <td>#{b.id}</td>
                  <td>{b.createdAt}</td>
                  <td>{b.kind}</td>
                  <td>{b.requestId ? <Link to={`/dpo/requests/${b.requestId}`}>{b.requestId}</Link> : '—'}</td>
                  <td>{b.reasons.join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {v.changedEvents.length > 0 ? (
        <p className="notice notice-error">
          The details of {v.changedEvents.length} request event(s) differ from what was sealed in the chain: events {v.changedEvents.join(', ')}.
        </p>
      ) : null}
      {v.erasedEvents > 0 ? <p className="muted">{v.erasedEvents} entries belong to request records deleted after their retention period; the chain still proves they existed.</p> : null}
    </section>
  )
}
