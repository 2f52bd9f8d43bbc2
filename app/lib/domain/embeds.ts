// The external media the portal can embed once a browser allows the external_media category. The origins
// go into that browser's CSP frame-src (cookie-consent.server.ts); nothing else may be framed.
export const EMBED_PROVIDERS = {
  maps: {
    origin: 'https://www.google.com',
    kind: 'map',
    src: (query: string) => `https://www.google.com/maps?q=${encodeURIComponent(query)}&output=embed`,
  },
  youtube: {
    origin: 'https://www.youtube-nocookie.com',
    kind: 'video',
    src: (videoId: string) => `https://www.youtube-nocookie.com/embed/${encodeURIComponent(videoId)}`,
  },
} as const

export type EmbedProvider = keyof typeof EMBED_PROVIDERS

export const EMBED_ORIGINS = Object.values(EMBED_PROVIDERS).map((p) => p.origin)
