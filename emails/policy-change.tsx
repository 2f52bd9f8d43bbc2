import { ButtonLink, EmailLayout, Greeting, LinkLine, Paragraph, type EmailContext } from './_components/layout'
import { emailText, type EmailText } from './_components/i18n'
import { previewContext } from './_components/preview-context'

// The policy documents (policy.server.ts DOCUMENT_SLUGS) as the recipient's language names them.
export const POLICY_DOCUMENT_KEYS = {
  privacy: 'emails:policyChange.documents.privacy',
  terms: 'emails:policyChange.documents.terms',
  cookies: 'emails:policyChange.documents.cookies',
} as const

export type PolicyDocument = keyof typeof POLICY_DOCUMENT_KEYS

// Seed 003/004: customers hear of a change before it takes effect, and how to say no to it.
export interface PolicyChangeProps {
  username: string
  /** the document's slug; its name in the recipient's language comes from the catalogue */
  document: string
  /** the document's name as stored, for a document the catalogue does not know */
  documentName: string
  versionNumber: number
  changeSummary: string
  /** when the new version takes effect (shown in Europe/Berlin) */
  effectiveAt: Date
  significant: boolean
  /** the version's page with the marked differences */
  diffUrl: string
  cancelUrl: string
  hasPrevious: boolean
}

function documentLabel({ document, documentName }: Pick<PolicyChangeProps, 'document' | 'documentName'>, { t }: Pick<EmailText, 't'>) {
  return document in POLICY_DOCUMENT_KEYS ? t(POLICY_DOCUMENT_KEYS[document as PolicyDocument]) : documentName
}

export function policyChangeSubject(props: Pick<PolicyChangeProps, 'document' | 'documentName' | 'effectiveAt'>, text: EmailText) {
  return text.t('emails:policyChange.subject', { document: documentLabel(props, text), date: text.dateTime(props.effectiveAt) })
}

export function PolicyChange({ username, document, documentName, versionNumber, changeSummary, effectiveAt, significant, diffUrl, cancelUrl, hasPrevious, ...context }: PolicyChangeProps & EmailContext) {
  const text = emailText(context.language)
  const { t } = text
  const name = documentLabel({ document, documentName }, text)
  return (
    <EmailLayout preview={policyChangeSubject({ document, documentName, effectiveAt }, text)} heading={t('emails:policyChange.heading', { document: name })} {...context}>
      <Greeting name={username} language={context.language} />
      <Paragraph>
        {t('emails:policyChange.takesEffect', { version: versionNumber, document: name, date: text.dateTime(effectiveAt) })}
        {significant ? ` ${t('emails:policyChange.significant')}` : ''}
      </Paragraph>
      <Paragraph>{t('emails:policyChange.whatChanges', { summary: changeSummary })}</Paragraph>
      <ButtonLink href={diffUrl}>{hasPrevious ? t('emails:policyChange.seeChanges') : t('emails:policyChange.readNew')}</ButtonLink>
      <Paragraph>{t('emails:policyChange.acknowledgeHint')}</Paragraph>
      {significant ? (
        <>
          <Paragraph>{t('emails:policyChange.cancel')}</Paragraph>
          <LinkLine href={cancelUrl}>{t('emails:policyChange.cancelLink')}</LinkLine>
        </>
      ) : null}
      <Paragraph>{t('emails:policyChange.nothingElse')}</Paragraph>
    </EmailLayout>
  )
}

PolicyChange.PreviewProps = {
  username: 'jane',
  document: 'privacy',
  documentName: 'privacy notice',
  versionNumber: 3,
  changeSummary: 'We now name our new payment provider and shorten how long we keep contact-form messages.',
  effectiveAt: new Date('2026-12-05T09:15:00Z'),
  significant: true,
  diffUrl: 'http://localhost:3000/privacy/history/3',
  cancelUrl: 'http://localhost:3000/account/cancel',
  hasPrevious: true,
  ...previewContext,
} satisfies PolicyChangeProps & EmailContext

export default PolicyChange
