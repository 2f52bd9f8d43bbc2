import { useTranslation } from 'react-i18next'
import type { RegistryContact } from '~/lib/registry/registry.server'

// A registry contact (controller, DPO, supervisory authority) as an address block.
export function ContactCard({ title, contact }: { title: string; contact: Pick<RegistryContact, 'name' | 'street' | 'postalCode' | 'city' | 'country' | 'email' | 'phone' | 'website'> }) {
  const { t } = useTranslation()
  return (
    <address className="contact-card">
      <strong>{title}</strong>
      {/* names and addresses are kept as the registry spells them: German, also on English pages; the country is the reader's */}
      <span lang="de">{contact.name}</span>
      <span lang="de">{contact.street}</span>
      <span>
        <span lang="de">
          {contact.postalCode} {contact.city}
        </span>
        , {contact.country}
      </span>
      <a href={`mailto:${contact.email}`}>{contact.email}</a>
      {contact.phone ? <span>{t('common:footer.phone', { phone: contact.phone })}</span> : null}
      {contact.website ? (
        <a href={contact.website} rel="noopener noreferrer">
          {contact.website}
        </a>
      ) : null}
    </address>
  )
}
