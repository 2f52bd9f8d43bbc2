import type { Auth } from '~/lib/platform/auth.server'

// What the HTTP server (server/context.ts) hands every loader and action.
declare module '@remix-run/node' {
  interface AppLoadContext {
    nonce: string
    auth: Auth
    // an HMAC of the client's address, for rate limits; the address itself is never kept
    clientKey: string
  }
}

// Types loader and action data as single fetch sends it (Remix v3_singleFetch).
declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export {}
