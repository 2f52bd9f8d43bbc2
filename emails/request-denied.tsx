import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { emailText, REQUEST_TYPE_KEYS, type RequestType } from './_components/i18n'
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
  type: RequestType
  reason: string
  authority: AuthorityContact
  statusUrl: string
}

export function RequestDenied({ number, type, reason, authority, statusUrl, ...context }: RequestDeniedProps & EmailContext) {
  const { t } = emailText(context.language)
  return (
    <EmailLayout preview={t('emails:requestDenied.preview', { number })} heading={t('emails:requestDenied.heading')} {...context}>
      <RequestFacts
        facts={[
          [t('emails:facts.number'), number],
          [t('emails:facts.type'), t(REQUEST_TYPE_KEYS[type])],
        ]}
      />
      <Paragraph>{t('emails:requestDenied.reasons')}</Paragraph>
      <Paragraph>{reason}</Paragraph>
      {/* the rights of Art. 77-79 GDPR in the law's words (app/lib/domain/rights.ts) */}
      <Paragraph>
        {t('emails:requestDenied.complaintRight')} {t('emails:requestDenied.authorityIntro')}
      </Paragraph>
      <RequestFacts
        facts={[
          [t('emails:layout.roles.supervisoryAuthority'), <span lang="de">{authority.name}</span>],
          [
            t('emails:requestDenied.address'),
            <>
              <span lang="de">{`${authority.street}, ${authority.postalCode} ${authority.city}`}</span>, {authority.country}
            </>,
          ],
          [t('emails:requestDenied.email'), authority.email],
          ...(authority.phone ? ([[t('emails:requestDenied.phone'), authority.phone]] as const) : []),
          ...(authority.website ? ([[t('emails:requestDenied.website'), authority.website]] as const) : []),
        ]}
      />
      <Paragraph>{t('emails:requestDenied.judicialRemedyRight')}</Paragraph>
      <ButtonLink href={statusUrl}>{t('emails:requestDenied.button')}</ButtonLink>
    </EmailLayout>
  )
}

RequestDenied.PreviewProps = {
  number: 'DSR-2026-000042',
  type: 'erasure',
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
  statusUrl: 'http://localhost:3000/requests/42',
  ...previewContext,
} satisfies RequestDeniedProps & EmailContext

export default RequestDenied
