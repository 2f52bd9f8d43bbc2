import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError, SelectField, TextAreaField } from '~/components/ui/field'
import { requireDpo, type AuthUser } from '~/lib/platform/auth.server'
import { completeRequest, completionPlanOf } from '~/lib/dpo/dsr-completion.server'
import {
  addInternalNote,
  denyRequest,
  extendRequest,
  getRequestForDpo,
  isActive,
  markManifestlyUnfounded,
  requestClarification,
  startRequest,
  type DpoActionResult,
} from '~/lib/dpo/dsr-dpo.server'
import {
  daysUntilDue,
  DSR_STATUS_LABELS,
  DSR_TYPE_LABELS,
  eventLabel,
  extensionWindowEndsAt,
  INTERNAL_EVENT_KINDS,
  MAX_EXTENSION_MONTHS,
  type Actor,
} from '~/lib/requests/dsr.server'
import { formatDate, formatDateTime } from '~/lib/domain/format'
import { intentOf, multiLine, parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.request.number ?? 'Request'} · DPO workspace` }]

function requestIdOf(params: { id?: string }) {
  const raw = params.id ?? ''
  const id = Number(raw)
  if (!/^[1-9]\d{0,14}$/.test(raw) || !Number.isSafeInteger(id)) throw new Response('There is no such request.', { status: 404 })
  return id
}

const ACTOR_LABELS: Record<Actor['type'], string> = {
  dpo: 'data protection officer',
  customer: 'customer',
  data_subject: 'the person (confirmed by email)',
  system: 'system',
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const found = await getRequestForDpo({ requestId: requestIdOf(params) })
  if (!found) throw new Response('There is no such request.', { status: 404 })
  const { request: r, account, events, held } = found
  const now = new Date()
  const active = isActive(r)
  const windowEnd = extensionWindowEndsAt(r.receivedAt)
  const plan = completionPlanOf(r)
  return {
    request: {
      id: r.id,
      number: r.number,
      type: DSR_TYPE_LABELS[r.type],
      status: r.status,
      statusLabel: DSR_STATUS_LABELS[r.status],
      categorySlug: r.categorySlug,
      details: r.details,
      receivedAt: formatDateTime(r.receivedAt),
      dueAt: formatDate(r.dueAt),
      daysLeft: active ? daysUntilDue(r.dueAt, now) : null,
      overdue: active && r.dueAt < now,
      extendedAt: r.extendedAt ? formatDate(r.extendedAt) : null,
      extensionReason: r.extensionReason,
      clarificationQuestion: r.clarificationQuestion,
      clarificationAnsweredAt: r.clarificationAnsweredAt ? formatDateTime(r.clarificationAnsweredAt) : null,
      unfoundedAt: r.manifestlyUnfoundedAt ? formatDate(r.manifestlyUnfoundedAt) : null,
      unfoundedJustification: r.unfoundedJustification,
      denialReason: r.denialReason,
      closedAt: r.completedAt ?? r.deniedAt ?? r.withdrawnAt,
      identityVerifiedAt: r.identityVerifiedAt ? formatDateTime(r.identityVerifiedAt) : null,
    },
    person: account
      ? { kind: 'account' as const, username: account.username, email: account.erasedAt ? null : account.email, erased: Boolean(account.erasedAt) }
      : { kind: 'email' as const, email: r.email },
    held,
    events: events.map((e) => ({
      id: e.id,
      at: formatDateTime(e.createdAt),
      label: eventLabel(e.kind),
      internal: (INTERNAL_EVENT_KINDS as readonly string[]).includes(e.kind),
      actor: ACTOR_LABELS[e.actorType],
      change: e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? `${DSR_STATUS_LABELS[e.fromStatus]} → ${DSR_STATUS_LABELS[e.toStatus]}` : null,
      note: e.note,
    })),
    actions: {
      active,
      canStart: r.status === 'received',
      canAsk: active && r.status !== 'awaiting_clarification',
      // Art. 12(3): within the first month, once
      extension: !active ? null : r.extendedAt ? { allowed: false, why: `Already extended on ${formatDate(r.extendedAt)}.` } : now > windowEnd ? { allowed: false, why: `The first month ended on ${formatDate(windowEnd)}; an extension is no longer possible (Art. 12(3)).` } : { allowed: true, why: `Possible until ${formatDate(windowEnd)}.` },
      canMarkUnfounded: active && !r.manifestlyUnfoundedAt,
      plan,
    },
    maxExtensionMonths: MAX_EXTENSION_MONTHS,
  }
}

const text = (label: string, max = 4000) => multiLine(label, max)
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional())

const SCHEMAS = {
  start: z.object({}),
  complete: z.object({
    message: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text('your answer').optional()),
    forumMode: z.enum(['delete', 'anonymise'], { errorMap: () => ({ message: 'Choose delete or anonymise.' }) }).default('delete'),
    // a correction: the value is checked against the field's own rules by completeRequest
    correctionField: optional(z.string().max(60)),
    correctedValue: optional(z.string().max(4000, 'The value must be at most 4000 characters.')),
    correctionRow: optional(z.string().regex(/^\d{1,15}$/, 'Enter the record number shown on the customer’s data.')),
  }),
  extend: z.object({
    months: z.enum(['1', '2'], { errorMap: () => ({ message: 'Choose one or two months.' }) }),
    extendReason: text('the reason for the extension'),
  }),
  deny: z.object({ denialReason: text('the reason for the refusal') }),
  clarify: z.object({ question: text('your question') }),
  unfounded: z.object({ justification: text('the justification') }),
  note: z.object({ note: text('the note') }),
} as const

type Intent = keyof typeof SCHEMAS

function isIntent(value: string): value is Intent {
  return Object.hasOwn(SCHEMAS, value)
}

async function perform(intent: Intent, values: Record<string, string>, requestId: number, user: AuthUser): Promise<DpoActionResult> {
  const actor: Actor = { type: 'dpo', id: user.id }
  switch (intent) {
    case 'start':
      return startRequest({ requestId, actor })
    case 'complete': {
      const v = SCHEMAS.complete.parse(values)
      if (v.correctedValue !== undefined && !v.correctionField) return { ok: false, field: 'correctionField', message: 'Choose the field the corrected value is for.' }
      const correction = v.correctionField ? { field: v.correctionField, value: v.correctedValue ?? '', rowId: v.correctionRow ?? null } : null
      return completeRequest({ requestId, actor, message: v.message ?? null, forumMode: v.forumMode, correction })
    }
    case 'extend': {
      const v = SCHEMAS.extend.parse(values)
      return extendRequest({ requestId, actor, months: Number(v.months), reason: v.extendReason })
    }
    case 'deny':
      return denyRequest({ requestId, actor, reason: SCHEMAS.deny.parse(values).denialReason })
    case 'clarify':
      return requestClarification({ requestId, actor, question: SCHEMAS.clarify.parse(values).question })
    case 'unfounded':
      return markManifestlyUnfounded({ requestId, actor, justification: SCHEMAS.unfounded.parse(values).justification })
    case 'note':
      return addInternalNote({ requestId, actor, note: SCHEMAS.note.parse(values).note })
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireDpo(context, request)
  const formData = await request.formData()
  const requestId = requestIdOf(params)
  const intent = intentOf(formData)
  if (!isIntent(intent)) return data({ intent, errors: { form: 'Unknown action.' } as Record<string, string> }, { status: 400 })
  const form = parseForm(SCHEMAS[intent], formData)
  if (!form.ok) return data({ intent, errors: form.errors }, { status: 400 })
  const values = Object.fromEntries([...formData.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'))
  const result = await perform(intent, values, requestId, user)
  if (!result.ok) return data({ intent, errors: { [result.field]: result.message } as Record<string, string> }, { status: 400 })
  return redirect(`/dpo/requests/${requestId}?done=${encodeURIComponent(result.message)}`)
}

export default function DpoRequest() {
  const { request: r, person, held, events, actions, maxExtensionMonths } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const done = params.get('done')
  const errorsFor = (intent: Intent): Record<string, string | undefined> => (actionData?.intent === intent ? actionData.errors : {})
  const unknownIntent = actionData && !isIntent(actionData.intent) ? actionData.errors.form : undefined
  return (
    <section className="dpo-request">
      <p>
        <Link to="/dpo">← Request queue</Link>
      </p>
      <h1>
        {r.number}: {r.type}
      </h1>
      {done ? <p className="notice notice-ok">{done.slice(0, 300)}</p> : null}
      <FormError error={unknownIntent} />
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="request-status">
          {r.statusLabel} {r.extendedAt ? <span className="tag">extended</span> : null} {r.unfoundedAt ? <span className="tag">manifestly unfounded</span> : null}
        </dd>
        <dt>Person</dt>
        <dd>
          {person.kind === 'account' ? (
            <>
              Customer <strong>{person.username}</strong> {person.email ? `(${person.email})` : '(account erased)'}
            </>
          ) : (
            <>
              No account: {person.email ?? '(address removed)'} {r.identityVerifiedAt ? <span className="muted">confirmed {r.identityVerifiedAt}</span> : null}
            </>
          )}
        </dd>
        <dt>Received</dt>
        <dd>{r.receivedAt}</dd>
        <dt>Due</dt>
        <dd className={r.overdue ? 'overdue' : undefined}>
          {r.dueAt}
          {r.daysLeft !== null ? ` (${r.daysLeft < 0 ? `${-r.daysLeft} days overdue` : r.daysLeft === 0 ? 'due today' : `${r.daysLeft} days left`})` : null}
        </dd>
        {r.extendedAt ? (
          <>
            <dt>Extended</dt>
            <dd>
              {r.extendedAt}: {r.extensionReason}
            </dd>
          </>
        ) : null}
        {r.unfoundedAt ? (
          <>
            <dt>Manifestly unfounded</dt>
            <dd>
              {r.unfoundedAt}: {r.unfoundedJustification}
            </dd>
          </>
        ) : null}
        {r.clarificationQuestion ? (
          <>
            <dt>Question asked</dt>
            <dd>
              {r.clarificationQuestion} {r.clarificationAnsweredAt ? <span className="muted">answered {r.clarificationAnsweredAt}</span> : <span className="muted">not answered yet</span>}
            </dd>
          </>
        ) : null}
        {r.denialReason ? (
          <>
            <dt>Reason for refusal</dt>
            <dd>{r.denialReason}</dd>
          </>
        ) : null}
      </dl>

      <h2>What the request is about</h2>
      <p>
        Data concerned: <strong>{r.categorySlug ? r.categorySlug.replace(/_/g, ' ') : 'all data'}</strong>
      </p>
      {r.details ? <blockquote className="request-details">{r.details}</blockquote> : <p className="muted">No details given.</p>}
      {held ? (
        <p>
          Held {person.kind === 'account' ? 'for this customer' : 'under this address'}: {held.contactMessages} contact messages, {held.forumPosts} forum posts, {held.feedSubscriptions} feed subscriptions.
        </p>
      ) : null}

      <h2>History</h2>
      <ol className="event-history">
        {events.map((e) => (
          <li key={e.id} className={e.internal ? 'internal' : undefined}>
            <strong>{e.label}</strong> <span className="muted">{e.at} · {e.actor}</span>
            {e.change ? <span className="muted"> · {e.change}</span> : null}
            {e.note ? <p className="event-note">{e.note}</p> : null}
          </li>
        ))}
      </ol>

      {actions.active ? (
        <>
          <h2>Actions</h2>
          <div className="dpo-actions">
          {actions.canStart ? (
            <Form method="post" className="card">
              <button type="submit" name="intent" value="start">
                Take on this request
              </button>
            </Form>
          ) : null}

          <Form method="post" className="stack card" noValidate aria-labelledby="complete-heading">
            <h3 id="complete-heading">Approve and complete</h3>
            <p className="muted">{actions.plan.description}</p>
            <FormError error={errorsFor('complete').form} />
            {actions.plan.asksForumMode ? (
              <fieldset>
                <legend>Forum posts</legend>
                <label className="field-check">
                  <input type="radio" name="forumMode" value="delete" defaultChecked /> delete them
                </label>
                <label className="field-check">
                  <input type="radio" name="forumMode" value="anonymise" /> keep them, author shown as “deleted user”
                </label>
              </fieldset>
            ) : null}
            {actions.plan.correction ? (
              <fieldset>
                <legend>Corrected value</legend>
                <SelectField
                  label="Field to correct"
                  name="correctionField"
                  error={errorsFor('complete').correctionField}
                  options={[{ value: '', label: 'None: I corrected the data elsewhere' }, ...actions.plan.correction.fields.map((f) => ({ value: f.key, label: f.label }))]}
                />
                <Field label="Corrected value" name="correctedValue" error={errorsFor('complete').correctedValue} maxLength={4000} />
                {actions.plan.correction.asksForRecord ? (
                  <Field label="Record number (if the request names none)" name="correctionRow" error={errorsFor('complete').correctionRow} inputMode="numeric" maxLength={15} />
                ) : null}
              </fieldset>
            ) : null}
            <TextAreaField
              label={actions.plan.messageRequired ? 'Your answer to the person' : 'Message to the person (optional)'}
              name="message"
              error={errorsFor('complete').message}
              maxLength={4000}
              rows={4}
            />
            <button type="submit" name="intent" value="complete">
              Complete the request
            </button>
          </Form>

          {actions.canAsk ? (
            <Form method="post" className="stack card" noValidate aria-labelledby="clarify-heading">
              <h3 id="clarify-heading">Ask for clarification</h3>
              <p className="muted">The person answers through a single-use link. The due date does not change.</p>
              <FormError error={errorsFor('clarify').form} />
              <TextAreaField label="Your question" name="question" error={errorsFor('clarify').question} maxLength={4000} rows={3} />
              <button type="submit" name="intent" value="clarify">
                Send the question
              </button>
            </Form>
          ) : null}

          <Form method="post" className="stack card" noValidate aria-labelledby="extend-heading">
            <h3 id="extend-heading">Extend the deadline</h3>
            <p className="muted">{actions.extension?.why}</p>
            <FormError error={errorsFor('extend').form} />
            {actions.extension?.allowed ? (
              <>
                <SelectField
                  label="Extend by"
                  name="months"
                  error={errorsFor('extend').months}
                  options={Array.from({ length: maxExtensionMonths }, (_, i) => ({ value: String(i + 1), label: `${i + 1} month${i ? 's' : ''}` }))}
                />
                <TextAreaField label="Reason (emailed to the person)" name="extendReason" error={errorsFor('extend').extendReason} maxLength={4000} rows={3} />
                <button type="submit" name="intent" value="extend">
                  Extend
                </button>
              </>
            ) : null}
          </Form>

          <Form method="post" className="stack card" noValidate aria-labelledby="deny-heading">
            <h3 id="deny-heading">Refuse</h3>
            <p className="muted">The email carries your reason, the supervisory authority from the registry and the right to a judicial remedy (Art. 12(4)).</p>
            <FormError error={errorsFor('deny').form} />
            <TextAreaField label="Reason for the refusal" name="denialReason" error={errorsFor('deny').denialReason} maxLength={4000} rows={3} />
            <button type="submit" name="intent" value="deny" className="button-danger">
              Refuse the request
            </button>
          </Form>

          {actions.canMarkUnfounded ? (
            <Form method="post" className="stack card" noValidate aria-labelledby="unfounded-heading">
              <h3 id="unfounded-heading">Manifestly unfounded or excessive</h3>
              <p className="muted">Art. 12(5): only with a recorded justification. Refusing is a separate step with its own reason.</p>
              <FormError error={errorsFor('unfounded').form} />
              <TextAreaField label="Justification" name="justification" error={errorsFor('unfounded').justification} maxLength={4000} rows={3} />
              <button type="submit" name="intent" value="unfounded">
                Mark as manifestly unfounded
              </button>
            </Form>
          ) : null}
          </div>
        </>
      ) : null}

      <Form method="post" className="stack card" noValidate aria-labelledby="note-heading">
        <h3 id="note-heading">Internal note</h3>
        <p className="muted">For the controller&apos;s file; never shown to the person.</p>
        <FormError error={errorsFor('note').form} />
        <TextAreaField label="Note" name="note" error={errorsFor('note').note} maxLength={4000} rows={2} />
        <button type="submit" name="intent" value="note">
          Add the note
        </button>
      </Form>

    </section>
  )
}
