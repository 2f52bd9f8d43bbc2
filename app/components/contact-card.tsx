import type { RegistryContact } from '~/lib/registry/registry.server'

// A registry contact (controller, DPO, supervisory authority) as an address block.
export function ContactCard({ title, contact }: { title: string; contact: Pick<RegistryContact, 'name' | 'street' | 'postalCode' | 'city' | 'country' | 'email' | 'phone' | 'website'> }) {
  return (
    <address className="contact-card">
      <strong>{title}</strong>
      <span>{contact.name}</span>
      <span>{contact.street}</span>
      <span>
        {contact.postalCode} {contact.city}, {contact.country}
      </span>
      <a href={`mailto:${contact.email}`}>{contact.email}</a>
      {contact.phone ? <span>Phone {contact.phone}</span> : null}
      {contact.website ? (
        <a href={contact.website} rel="noopener noreferrer">
          {contact.website}
        </a>
      ) : null}
    </address>
  )
}
