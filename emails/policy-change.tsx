import { ButtonLink, EmailLayout, LinkLine, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'

// Seed 003/004: customers hear of a change before it takes effect, and how to say no to it.
export interface PolicyChangeProps {
  username: string
  documentName: string
  versionNumber: number
  changeSummary: string
  /** when the new version takes effect, as shown in Europe/Berlin */
  effectiveAt: string
  significant: boolean
  /** the version's page with the marked differences */
  diffUrl: string
  cancelUrl: string
  hasPrevious: boolean
}

export function PolicyChange({ username, documentName, versionNumber, changeSummary, effectiveAt, significant, diffUrl, cancelUrl, hasPrevious, ...context }: PolicyChangeProps & EmailContext) {
  return (
    <EmailLayout preview={`Our ${documentName} changes on ${effectiveAt}`} heading={`Our ${documentName} is changing`} {...context}>
      <Paragraph>Hello {username},</Paragraph>
      <Paragraph>
        Version {versionNumber} of our {documentName} takes effect on {effectiveAt} (Berlin time).
        {significant ? ' This is a significant change.' : ''}
      </Paragraph>
      <Paragraph>What changes: {changeSummary}</Paragraph>
      <ButtonLink href={diffUrl}>{hasPrevious ? 'See exactly what changes' : 'Read the new version'}</ButtonLink>
      <Paragraph>On that page, a button lets you tell us that you have read the change.</Paragraph>
      {significant ? (
        <>
          <Paragraph>
            If you do not accept the new rules, you can cancel your account before they take effect. You can download a copy of
            your data first, and we tell you exactly what we delete and what the law makes us keep.
          </Paragraph>
          <LinkLine href={cancelUrl}>Cancel your account</LinkLine>
        </>
      ) : null}
      <Paragraph>You do not need to do anything else.</Paragraph>
    </EmailLayout>
  )
}

PolicyChange.PreviewProps = {
  username: 'jane',
  documentName: 'privacy notice',
  versionNumber: 3,
  changeSummary: 'We now name our new payment provider and shorten how long we keep contact-form messages.',
  effectiveAt: '5 Dec 2026, 10:15',
  significant: true,
  diffUrl: 'http://localhost:3000/privacy/history/3',
  cancelUrl: 'http://localhost:3000/account/cancel',
  hasPrevious: true,
  ...previewContext,
} satisfies PolicyChangeProps & EmailContext

export default PolicyChange
