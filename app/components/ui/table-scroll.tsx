import type { ReactNode } from 'react'

// A table wider than the screen scrolls inside this region; keyboard users reach it by Tab and scroll it
// with the arrow keys (WCAG 2.1.1, 1.4.10). `labelledBy`: the id of the heading that names the table.
export function TableScroll({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  )
}
