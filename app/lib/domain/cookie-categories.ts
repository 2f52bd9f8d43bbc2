// The banner's categories that need consent; 'necessary' is always on and never asked for. Pure, so that the
// cookie settings form can check a choice in the browser with the same schema as the server.
export const OPTIONAL_COOKIE_CATEGORIES = ['analytics', 'marketing', 'external_media'] as const
export type CookieCategory = (typeof OPTIONAL_COOKIE_CATEGORIES)[number]

export function isCookieCategory(value: unknown): value is CookieCategory {
  return OPTIONAL_COOKIE_CATEGORIES.includes(value as CookieCategory)
}
