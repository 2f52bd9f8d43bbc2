import type { LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet } from '@remix-run/react'
import { requireDpo } from '~/lib/platform/auth.server'

// The DPO workspace: every page under /dpo shares this navigation; each page guards itself as well.
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  return null
}

const SECTIONS = [
  { to: '/dpo', label: 'Request queue', end: true },
  { to: '/dpo/reports', label: 'Reports', end: false },
  { to: '/dpo/registry', label: 'Registry', end: false },
  { to: '/dpo/audit', label: 'Audit trail', end: false },
  { to: '/dpo/receipts', label: 'Deletions and legal holds', end: false },
  { to: '/dpo/policies', label: 'Policy versions', end: false },
]

export default function DpoLayout() {
  return (
    <>
      <nav className="dpo-nav" aria-label="DPO workspace">
        {SECTIONS.map((s) => (
          <NavLink key={s.to} to={s.to} end={s.end}>
            {s.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  )
}
