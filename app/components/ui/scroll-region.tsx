import type { ReactNode } from 'react'

// A wide table on a narrow screen: it scrolls sideways inside this region, which a keyboard can reach
// (Tab, then the arrow keys) and a screen reader announces by its label. The page itself never scrolls sideways.
export function ScrollRegion({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className={className ? `scroll-region ${className}` : 'scroll-region'} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  )
}
