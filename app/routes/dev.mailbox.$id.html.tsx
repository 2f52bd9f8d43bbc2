import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireDevMailbox, requireOutboxMessageHtml } from '~/lib/platform/mailbox.server'

// The email's own HTML, served alone: no scripts, no requests anywhere, only its inline styles and data: images.
export async function loader({ params }: LoaderFunctionArgs) {
  requireDevMailbox()
  const html = await requireOutboxMessageHtml(params.id)
  return new Response(html, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      'Cache-Control': 'no-store',
    },
  })
}
