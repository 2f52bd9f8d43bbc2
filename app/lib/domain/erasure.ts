// What a customer may erase from My data by themselves (issue 5); shared by the server and the page.
export const ERASABLE_CATEGORIES = ['contact_messages', 'forum_posts', 'feed_subscriptions', 'vpn_sessions'] as const
export type ErasableCategory = (typeof ERASABLE_CATEGORIES)[number]
// What happens to forum posts: removed, or kept with the author replaced by "deleted user".
export const ERASURE_MODES = ['delete', 'anonymise'] as const
export type ErasureMode = (typeof ERASURE_MODES)[number]

export function isErasureMode(value: unknown): value is ErasureMode {
  return (ERASURE_MODES as readonly unknown[]).includes(value)
}

export function isErasableCategory(slug: string): slug is ErasableCategory {
  return (ERASABLE_CATEGORIES as readonly string[]).includes(slug)
}
