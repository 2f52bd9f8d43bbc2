import type { CSSProperties } from 'react'

// Email clients ignore stylesheets, so every style is inline and shared from here.
const fontFamily = '-apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif'

export const styles = {
  body: { backgroundColor: '#f4f5f7', fontFamily, margin: 0, padding: '24px 0' },
  container: { backgroundColor: '#ffffff', border: '1px solid #e3e5e8', borderRadius: 6, maxWidth: 560, margin: '0 auto' },
  header: { borderBottom: '1px solid #e3e5e8', padding: '16px 24px' },
  brand: { color: '#1f2933', fontSize: 16, fontWeight: 600, textDecoration: 'none' },
  content: { padding: '8px 24px 16px' },
  heading: { color: '#1f2933', fontSize: 20, fontWeight: 600, margin: '16px 0' },
  text: { color: '#1f2933', fontSize: 15, lineHeight: '24px', margin: '12px 0' },
  code: {
    backgroundColor: '#f4f5f7',
    borderRadius: 6,
    color: '#1f2933',
    fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
    fontSize: 32,
    fontWeight: 700,
    letterSpacing: '8px',
    margin: '16px 0',
    padding: '12px 0',
    textAlign: 'center',
  },
  buttonRow: { margin: '16px 0' },
  button: {
    backgroundColor: '#1f4fd1',
    borderRadius: 6,
    color: '#ffffff',
    fontSize: 15,
    fontWeight: 600,
    padding: '10px 18px',
    textDecoration: 'none',
  },
  footer: { backgroundColor: '#f9fafb', borderTop: '1px solid #e3e5e8', padding: '8px 24px 16px' },
  footerText: { color: '#52606d', fontSize: 12, lineHeight: '18px', margin: '8px 0' },
  footerLabel: { color: '#1f2933', fontWeight: 600 },
} satisfies Record<string, CSSProperties>
