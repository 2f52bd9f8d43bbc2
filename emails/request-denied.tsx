import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'
import { RequestFacts } from './_components/request-facts'

export interface AuthorityContact {
  name: string
  street: string
  postalCode: string
  city: string
  country: string
  email: string
  phone: string | null
  website: string | null
}

// Art. 12(4): a refusal states the reasons, where to complain (from the registry) and the right to go to court.
export interface RequestDeniedProps {
  number: string
  typeLabel: string
  reason: string
  authority: AuthorityContact
  /** whole sentences in the law's words on complaint and judicial remedy (app/lib/rights.ts) */
  complaintRight: string
  judicialRemedyRight: string
  statusUrl: string
}

export function RequestDenied({ number, typeLabel, reason, authority, complaintRight, judicialRemedyRight, statusUrl, ...context }: RequestDeniedProps & EmailContext) {
  return (
    <EmailLayout preview={`We cannot carry out request ${number}`} heading="We cannot carry out your request" {...context}>
      <RequestFacts
        facts={[
          ['Request number', number],
          ['Request', typeLabel],
        ]}
      />
      <Paragraph>Our reasons:</Paragraph>
      <Paragraph>{reason}</Paragraph>
      <Paragraph>{complaintRight} The supervisory authority responsible for us:</Paragraph>
      <RequestFacts
        facts={[
          ['Supervisory authority', authority.name],
          ['Address', `${authority.street}, ${authority.postalCode} ${authority.city}, ${authority.country}`],
          ['Email', authority.email],
          ...(authority.phone ? ([['Phone', authority.phone]] as const) : []),
          ...(authority.website ? ([['Website', authority.website]] as const) : []),
        ]}
      />
      <Paragraph>{judicialRemedyRight}</Paragraph>
      <ButtonLink href={statusUrl}>See your request</ButtonLink>
    </EmailLayout>
  )
}

RequestDenied.PreviewProps = {
  number: 'DSR-2026-000042',
  typeLabel: 'Erasure (Art. 17)',
  reason: 'The payment records must be kept for eight years under § 147 AO; they are blocked for any other use.',
  authority: {
    name: 'Example Supervisory Authority',
    street: 'Example Street 1',
    postalCode: '12345',
    city: 'Exampletown',
    country: 'Exampleland',
    email: 'info@authority.example.invalid',
    phone: '+49 40 0000-0000',
    website: 'https://authority.example.invalid',
  },
  complaintRight: 'You have the right to lodge a complaint with a supervisory authority, in particular the one named below (Art. 77 GDPR).',
  judicialRemedyRight: 'You have the right to go to court against us or against a decision of the supervisory authority (Art. 78, 79 GDPR).',
  statusUrl: 'http://localhost:3000/requests/42',
  ...previewContext,
} satisfies RequestDeniedProps & EmailContext

export default RequestDenied
