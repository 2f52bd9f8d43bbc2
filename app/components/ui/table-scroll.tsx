import type { ReactNode } from 'react'

// A table wider than the screen scrolls inside this region; keyboard users reach it by Tab and scroll it
// with the arrow keys (WCAG 2.1.1, 1.4.10). The region is named by `labelledBy` (the id of the heading that
// names the table) or, where no heading names it, by `label`.
export function TableScroll({ labelledBy, label, children }: { labelledBy?: string; label?: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : label} tabIndex={0}>
      {children}
    </div>
  )
}
