import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Trans, useTranslation } from 'react-i18next'
import { z } from 'zod'
import { errorAt, fieldProps, formErrorReply } from '~/components/ui/conform'
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
import { daysUntilDue, extensionWindowEndsAt, INTERNAL_EVENT_KINDS, MAX_EXTENSION_MONTHS, type Actor } from '~/lib/requests/dsr.server'
import { ACTOR_KEYS, DSR_STATUS_KEYS, DSR_TYPE_KEYS, eventKey, eventNoteFor, localiseResult } from '~/lib/dpo/dpo-labels'
import { formatDate, formatDateTime } from '~/lib/domain/format'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { intentOf, multiLine } from '~/lib/domain/validation/form'
import { msg, pageTitle, translateMessage } from '~/i18n/translate'
import { fixedT, getLanguage } from '~/lib/platform/i18n.server'
import { requestDetails, requestSubject } from '~/lib/requests/request-subject.server'
import { redirectWithToast } from '~/lib/platform/toast.server'
import { useDaysLeftText } from '~/components/days-left'
import { parseRowId } from '~/lib/domain/ids'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, 'dpo:request.title', { number: data?.request.number ?? '' })

function requestIdOf(params: { id?: string }) {
  const id = parseRowId(params.id)
  if (id === null) throw new Response('Not found', { status: 404 })
  return id
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const language = await getLanguage(request)
  const found = await getRequestForDpo({ requestId: requestIdOf(params) })
  if (!found) throw new Response('Not found', { status: 404 })
  const { request: r, account, categoryName, events, held } = found
  const date = (d: Date) => formatDate(d, language)
  const dateTime = (d: Date) => formatDateTime(d, language)
  const now = new Date()
  const active = isActive(r)
  const windowEnd = extensionWindowEndsAt(r.receivedAt)
  const plan = completionPlanOf(r)
  // the portal's subject line in the DPO's words; none where the type says it
  const t = fixedT(language)
  const subject = await requestSubject(t, language, r)
  return {
    request: {
      id: r.id,
      number: r.number,
      type: DSR_TYPE_KEYS[r.type],
      status: r.status,
      statusLabel: DSR_STATUS_KEYS[r.status],
      categoryName: r.categorySlug ? (categoryName ?? r.categorySlug.replace(/_/g, ' ')) : null,
      subject,
      details: requestDetails(t, r.details)?.text ?? null,
      receivedAt: dateTime(r.receivedAt),
      dueAt: date(r.dueAt),
      daysLeft: active ? daysUntilDue(r.dueAt, now) : null,
      overdue: active && r.dueAt < now,
      extendedAt: r.extendedAt ? date(r.extendedAt) : null,
      extensionReason: r.extensionReason,
      clarificationQuestion: r.clarificationQuestion,
      clarificationAnsweredAt: r.clarificationAnsweredAt ? dateTime(r.clarificationAnsweredAt) : null,
      unfoundedAt: r.manifestlyUnfoundedAt ? date(r.manifestlyUnfoundedAt) : null,
      unfoundedJustification: r.unfoundedJustification,
      denialReason: r.denialReason,
      closedAt: r.completedAt ?? r.deniedAt ?? r.withdrawnAt,
      identityVerifiedAt: r.identityVerifiedAt ? dateTime(r.identityVerifiedAt) : null,
    },
    person: account
      ? { kind: 'account' as const, username: account.username, email: account.erasedAt ? null : account.email, erased: Boolean(account.erasedAt) }
      : { kind: 'email' as const, email: r.email },
    held,
    events: events.map((e) => ({
      id: e.id,
      at: dateTime(e.createdAt),
      label: eventKey(e.kind),
      internal: (INTERNAL_EVENT_KINDS as readonly string[]).includes(e.kind),
      actor: ACTOR_KEYS[e.actorType],
      change: e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? { from: DSR_STATUS_KEYS[e.fromStatus], to: DSR_STATUS_KEYS[e.toStatus] } : null,
      note: eventNoteFor(t, e),
    })),
    actions: {
      active,
      canStart: r.status === 'received',
      canAsk: active && r.status !== 'awaiting_clarification',
      // Art. 12(3): within the first month, once
      extension: !active
        ? null
        : r.extendedAt
          ? { allowed: false, why: 'dpo:request.alreadyExtended', date: date(r.extendedAt) }
          : now > windowEnd
            ? { allowed: false, why: 'dpo:request.windowEnded', date: date(windowEnd) }
            : { allowed: true, why: 'dpo:request.possibleUntil', date: date(windowEnd) },
      canMarkUnfounded: active && !r.manifestlyUnfoundedAt,
      plan: { descriptionKey: plan.descriptionKey, messageRequired: plan.messageRequired, asksForumMode: plan.asksForumMode, correction: plan.correction ?? null },
    },
    maxExtensionMonths: MAX_EXTENSION_MONTHS,
  }
}

const text = (label: string, max = 4000) => multiLine(label, max)

const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional())

// One schema per action on this page, for its form in the browser and for the action; each accepts exactly its own fields.
const SCHEMAS = {
  start: editFormSchema({}),
  complete: editFormSchema({
    message: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text('your answer').optional()),
    forumMode: z.enum(['delete', 'anonymise'], { errorMap: () => ({ message: msg('dpo:result.chooseForumMode') }) }).default('delete'),
    // a correction: the value is checked against the field's own rules by completeRequest
    correctionField: optional(z.string().max(60)),
    correctedValue: optional(z.string().max(4000, msg('dpo:result.correctedValueTooLong'))),
    correctionRow: optional(z.string().max(15, msg('dpo:result.correctionRow')).regex(/^\d{1,15}$/, msg('dpo:result.correctionRow'))),
  }),
  extend: editFormSchema({
    months: z.enum(['1', '2'], { errorMap: () => ({ message: msg('dpo:result.chooseMonths') }) }),
    extendReason: text('the reason for the extension'),
  }),
  deny: editFormSchema({ denialReason: text('the reason for the refusal') }),
  clarify: editFormSchema({ question: text('your question') }),
  unfounded: editFormSchema({ justification: text('the justification') }),
  note: editFormSchema({ note: text('the note') }),
} as const

type Intent = keyof typeof SCHEMAS

function isIntent(value: string): value is Intent {
  return Object.hasOwn(SCHEMAS, value)
}

async function perform(intent: Intent, values: unknown, requestId: number, user: AuthUser): Promise<DpoActionResult> {
  const actor: Actor = { type: 'dpo', id: user.id }
  switch (intent) {
    case 'start':
      return startRequest({ requestId, actor })
    case 'complete': {
      const v = SCHEMAS.complete.parse(values)
      if (v.correctedValue !== undefined && !v.correctionField) return { ok: false, field: 'correctionField', message: msg('dpo:result.chooseCorrectionField') }
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
  if (!isIntent(intent)) return data({ intent, result: formErrorReply(formData, msg('dpo:result.unknownAction')) }, { status: 400 })
  const schema: z.ZodTypeAny = SCHEMAS[intent]
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
  const result = await perform(intent, submission.value, requestId, user)
  const language = await getLanguage(request)
  const { key, params: words } = localiseResult(result.message, language)
  if (!result.ok) return data({ intent, result: submission.reply(errorAt(result.field, msg(key, words))) }, { status: 400 })
  return redirectWithToast(`/dpo/requests/${requestId}`, key, words)
}

// The client half of one action's form: its schema's constraints and checks, and the server's answer if it was this form.
function useActionForm(intent: Exclude<Intent, 'start'>) {
  const actionData = useActionData<typeof action>()
  const schema: z.ZodTypeAny = SCHEMAS[intent]
  return useForm({
    id: `dpo-${intent}`,
    lastResult: actionData?.intent === intent ? actionData.result : undefined,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
}

export default function DpoRequest() {
  const { request: r, person, held, events, actions, maxExtensionMonths } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const daysLeftText = useDaysLeftText()
  const [complete, completeFields] = useActionForm('complete')
  const [clarify, clarifyFields] = useActionForm('clarify')
  const [extend, extendFields] = useActionForm('extend')
  const [deny, denyFields] = useActionForm('deny')
  const [unfounded, unfoundedFields] = useActionForm('unfounded')
  const [note, noteFields] = useActionForm('note')
  const unknownIntent = actionData && !isIntent(actionData.intent) ? actionData.result.error?.['']?.[0] : undefined
  return (
    <section className="dpo-request">
      <p>
        <Link to="/dpo">{t('dpo:request.back')}</Link>
      </p>
      <h1>
        {r.number}: {t(r.type)}
      </h1>
      <FormError error={unknownIntent} />
      <dl className="facts">
        <dt>{t('dpo:request.status')}</dt>
        <dd data-testid="request-status">
          {t(r.statusLabel)} {r.extendedAt ? <span className="tag">{t('dpo:queue.extended')}</span> : null}{' '}
          {r.unfoundedAt ? <span className="tag">{t('dpo:queue.unfounded')}</span> : null}
        </dd>
        <dt>{t('dpo:request.person')}</dt>
        <dd>
          {person.kind === 'account' ? (
            <>
              <Trans i18nKey="dpo:request.customer" values={{ username: person.username }} components={{ strong: <strong /> }} />{' '}
              {person.email ? `(${person.email})` : t('dpo:request.accountErased')}
            </>
          ) : (
            <>
              {t('dpo:request.noAccount', { email: person.email ?? t('dpo:request.addressRemoved') })}{' '}
              {r.identityVerifiedAt ? <span className="muted">{t('dpo:request.confirmedAt', { at: r.identityVerifiedAt })}</span> : null}
            </>
          )}
        </dd>
        <dt>{t('dpo:request.received')}</dt>
        <dd>{r.receivedAt}</dd>
        <dt>{t('dpo:request.due')}</dt>
        <dd className={r.overdue ? 'overdue' : undefined}>
          {r.dueAt}
          {r.daysLeft !== null ? ` (${daysLeftText(r.daysLeft)})` : null}
        </dd>
        {r.extendedAt ? (
          <>
            <dt>{t('dpo:request.extended')}</dt>
            <dd>
              {r.extendedAt}: {r.extensionReason}
            </dd>
          </>
        ) : null}
        {r.unfoundedAt ? (
          <>
            <dt>{t('dpo:request.unfounded')}</dt>
            <dd>
              {r.unfoundedAt}: {r.unfoundedJustification}
            </dd>
          </>
        ) : null}
        {r.clarificationQuestion ? (
          <>
            <dt>{t('dpo:request.questionAsked')}</dt>
            <dd>
              {r.clarificationQuestion}{' '}
              {r.clarificationAnsweredAt ? (
                <span className="muted">{t('dpo:request.answeredAt', { at: r.clarificationAnsweredAt })}</span>
              ) : (
                <span className="muted">{t('dpo:request.notAnswered')}</span>
              )}
            </dd>
          </>
        ) : null}
        {r.denialReason ? (
          <>
            <dt>{t('dpo:request.denialReason')}</dt>
            <dd>{r.denialReason}</dd>
          </>
        ) : null}
      </dl>

      <h2>{t('dpo:request.about')}</h2>
      {r.subject ? (
        <p className="request-subject">
          {t('dpo:request.subject')} <strong lang={r.subject.translated ? undefined : 'en'}>{r.subject.text}</strong>
        </p>
      ) : null}
      <p>
        {t('dpo:request.dataConcerned')} <strong>{r.categoryName ?? t('dpo:request.allData')}</strong>
      </p>
      {r.details ? <blockquote className="request-details">{r.details}</blockquote> : <p className="muted">{t('dpo:request.noDetails')}</p>}
      {held ? <p>{t(person.kind === 'account' ? 'dpo:request.heldAccount' : 'dpo:request.heldEmail', { ...held })}</p> : null}

      <h2>{t('dpo:request.history')}</h2>
      <ol className="event-history">
        {events.map((e) => (
          <li key={e.id} className={e.internal ? 'internal' : undefined}>
            <strong>{t(e.label)}</strong>{' '}
            <span className="muted">
              {e.at} · {t(e.actor)}
            </span>
            {e.change ? <span className="muted"> · {t('dpo:request.statusChange', { from: t(e.change.from), to: t(e.change.to) })}</span> : null}
            {e.note ? <p className="event-note">{e.note}</p> : null}
          </li>
        ))}
      </ol>

      {actions.active ? (
        <>
          <h2>{t('dpo:request.actions')}</h2>
          <div className="dpo-actions">
            {actions.canStart ? (
              <Form method="post" className="card">
                <button type="submit" name="intent" value="start">
                  {t('dpo:request.start')}
                </button>
              </Form>
            ) : null}

            <Form method="post" className="stack card" aria-labelledby="complete-heading" {...getFormProps(complete)}>
              <h3 id="complete-heading">{t('dpo:request.completeHeading')}</h3>
              <p className="muted">{t(actions.plan.descriptionKey, { category: r.categoryName ?? t('dpo:request.allData') })}</p>
              <FormError error={complete.errors?.[0]} />
              {actions.plan.asksForumMode ? (
                <fieldset>
                  <legend>{t('dpo:request.forumPosts')}</legend>
                  <label className="field-check">
                    <input type="radio" name="forumMode" value="delete" defaultChecked /> {t('dpo:request.forumDelete')}
                  </label>
                  <label className="field-check">
                    <input type="radio" name="forumMode" value="anonymise" /> {t('dpo:request.forumAnonymise')}
                  </label>
                </fieldset>
              ) : null}
              {actions.plan.correction ? (
                <fieldset>
                  <legend>{t('dpo:request.correction.legend')}</legend>
                  <SelectField
                    label={t('dpo:request.correction.field')}
                    name={completeFields.correctionField.name}
                    error={completeFields.correctionField.errors?.[0]}
                    options={[
                      { value: '', label: t('dpo:request.correction.none') },
                      ...actions.plan.correction.fields.map((f) => ({ value: f.key, label: translateMessage(t, f.label) ?? f.key })),
                    ]}
                  />
                  <Field
                    label={t('dpo:request.correction.value')}
                    {...fieldProps(completeFields.correctedValue)}
                  />
                  {actions.plan.correction.asksForRecord ? (
                    <Field
                      label={t('dpo:request.correction.row')}
                      inputMode="numeric"
                      {...fieldProps(completeFields.correctionRow)}
                    />
                  ) : null}
                </fieldset>
              ) : null}
              <TextAreaField
                label={actions.plan.messageRequired ? t('dpo:request.answerRequired') : t('dpo:request.answerOptional')}
                {...fieldProps(completeFields.message)}
                rows={4}
              />
              <button type="submit" name="intent" value="complete">
                {t('dpo:request.complete')}
              </button>
            </Form>

            {actions.canAsk ? (
              <Form method="post" className="stack card" aria-labelledby="clarify-heading" {...getFormProps(clarify)}>
                <h3 id="clarify-heading">{t('dpo:request.clarifyHeading')}</h3>
                <p className="muted">{t('dpo:request.clarifyHint')}</p>
                <FormError error={clarify.errors?.[0]} />
                <TextAreaField
                  label={t('dpo:request.question')}
                  {...fieldProps(clarifyFields.question)}
                  rows={3}
                />
                <button type="submit" name="intent" value="clarify">
                  {t('dpo:request.sendQuestion')}
                </button>
              </Form>
            ) : null}

            <Form method="post" className="stack card" aria-labelledby="extend-heading" {...getFormProps(extend)}>
              <h3 id="extend-heading">{t('dpo:request.extendHeading')}</h3>
              {actions.extension ? <p className="muted">{t(actions.extension.why, { date: actions.extension.date })}</p> : null}
              <FormError error={extend.errors?.[0]} />
              {actions.extension?.allowed ? (
                <>
                  <SelectField
                    label={t('dpo:request.extendBy')}
                    name={extendFields.months.name}
                    error={extendFields.months.errors?.[0]}
                    options={Array.from({ length: maxExtensionMonths }, (_, i) => ({ value: String(i + 1), label: t('dpo:request.months', { count: i + 1 }) }))}
                  />
                  <TextAreaField
                    label={t('dpo:request.extendReason')}
                    {...fieldProps(extendFields.extendReason)}
                    rows={3}
                  />
                  <button type="submit" name="intent" value="extend">
                    {t('dpo:request.extend')}
                  </button>
                </>
              ) : null}
            </Form>

            <Form method="post" className="stack card" aria-labelledby="deny-heading" {...getFormProps(deny)}>
              <h3 id="deny-heading">{t('dpo:request.denyHeading')}</h3>
              <p className="muted">{t('dpo:request.denyHint')}</p>
              <FormError error={deny.errors?.[0]} />
              <TextAreaField
                label={t('dpo:request.denyReason')}
                {...fieldProps(denyFields.denialReason)}
                rows={3}
              />
              <button type="submit" name="intent" value="deny" className="button-danger">
                {t('dpo:request.deny')}
              </button>
            </Form>

            {actions.canMarkUnfounded ? (
              <Form method="post" className="stack card" aria-labelledby="unfounded-heading" {...getFormProps(unfounded)}>
                <h3 id="unfounded-heading">{t('dpo:request.unfoundedHeading')}</h3>
                <p className="muted">{t('dpo:request.unfoundedHint')}</p>
                <FormError error={unfounded.errors?.[0]} />
                <TextAreaField
                  label={t('dpo:request.justification')}
                  {...fieldProps(unfoundedFields.justification)}
                  rows={3}
                />
                <button type="submit" name="intent" value="unfounded">
                  {t('dpo:request.markUnfounded')}
                </button>
              </Form>
            ) : null}
          </div>
        </>
      ) : null}

      <Form method="post" className="stack card" aria-labelledby="note-heading" {...getFormProps(note)}>
        <h3 id="note-heading">{t('dpo:request.noteHeading')}</h3>
        <p className="muted">{t('dpo:request.noteHint')}</p>
        <FormError error={note.errors?.[0]} />
        <TextAreaField label={t('dpo:request.note')} {...fieldProps(noteFields.note)} rows={2} />
        <button type="submit" name="intent" value="note">
          {t('dpo:request.addNote')}
        </button>
      </Form>
    </section>
  )
}
