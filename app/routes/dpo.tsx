import type { LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireDpo } from '~/lib/platform/auth.server'

// The DPO workspace: every page under /dpo shares this navigation; each page guards itself as well.
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  return null
}

const SECTIONS = [
  { to: '/dpo', label: 'dpo:nav.queue', end: true },
  { to: '/dpo/reports', label: 'dpo:nav.reports', end: false },
  { to: '/dpo/registry', label: 'dpo:nav.registry', end: false },
  { to: '/dpo/audit', label: 'dpo:nav.audit', end: false },
  { to: '/dpo/receipts', label: 'dpo:nav.receipts', end: false },
  { to: '/dpo/policies', label: 'dpo:nav.policies', end: false },
]

export default function DpoLayout() {
  const { t } = useTranslation()
  return (
    <>
      <nav className="dpo-nav" aria-label={t('dpo:nav.label')}>
        {SECTIONS.map((s) => (
          <NavLink key={s.to} to={s.to} end={s.end}>
            {t(s.label)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  )
}
