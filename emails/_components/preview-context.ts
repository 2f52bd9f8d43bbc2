import type { EmailContext } from './layout'

// Only for `.PreviewProps` in the react-email preview: real emails get contacts from the registry.
const sample = { street: 'Example Street 1', postalCode: '12345', city: 'Exampletown', country: 'Exampleland' }

export const previewContext: EmailContext = {
  baseUrl: 'http://localhost:3000',
  contacts: {
    controller: { ...sample, name: 'Example VPN Ltd.', email: 'privacy@example.invalid' },
    dpo: { ...sample, name: 'Example DPO', email: 'dpo@example.invalid' },
    supervisoryAuthority: { ...sample, name: 'Example Supervisory Authority', email: 'info@authority.example.invalid' },
  },
}
