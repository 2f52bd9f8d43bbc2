import type { ReactNode } from 'react'
import { useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { DiffLine, DiffPart } from '~/lib/domain/text-diff'

// Versioned documents are plain text: "## " and "### " start headings, "- " list items, the rest paragraphs.
// `lang`: the language the text is written in, when it may differ from the page's (an older version in English only).
export function PolicyText({ text, lang }: { text: string; lang?: string }) {
  const blocks = text.split(/\n{2,}/)
  const out: ReactNode[] = []
  blocks.forEach((block, i) => {
    const lines = block.split('\n')
    const heading = lines[0]
    if (heading.startsWith('## ')) out.push(<h2 key={`h${i}`}>{heading.slice(3)}</h2>)
    else if (heading.startsWith('### ')) out.push(<h3 key={`h${i}`}>{heading.slice(4)}</h3>)
    const rest = heading.startsWith('#') ? lines.slice(1) : lines
    const paragraphs = rest.filter((l) => !l.startsWith('- '))
    const items = rest.filter((l) => l.startsWith('- '))
    if (paragraphs.length) out.push(<p key={`p${i}`}>{paragraphs.join(' ')}</p>)
    if (items.length) out.push(<ul key={`u${i}`}>{items.map((l, k) => <li key={k}>{l.slice(2)}</li>)}</ul>)
  })
  return (
    <div className="policy-text" lang={lang}>
      {out}
    </div>
  )
}

/**
 * Under a document shown in English: the German text is the authoritative one (decision 066), with a link
 * to it. A German page whose version exists in English only says so instead. A plain link, not a client
 * navigation: the German page needs its own catalogue.
 */
export function AuthoritativeNote({ textLanguage }: { textLanguage: string }) {
  const { t, i18n } = useTranslation()
  const { pathname } = useLocation()
  if (i18n.language === 'de') return textLanguage === 'de' ? null : <p className="notice">{t('policy:englishOnly')}</p>
  if (textLanguage !== 'en') return null
  return (
    <p className="notice authoritative-note">
      {t('policy:authoritative.note')}{' '}
      <a href={`${pathname}?lng=de`} lang="de" hrefLang="de">
        {t('policy:authoritative.link')}
      </a>
    </p>
  )
}

function Parts({ parts }: { parts: DiffPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'added' ? <ins key={i}>{p.text}</ins> : p.kind === 'removed' ? <del key={i}>{p.text}</del> : <span key={i}>{p.text}</span>,
      )}
    </>
  )
}

// Additions and removals marked in place, not two texts side by side.
export function PolicyDiff({ lines, lang, label }: { lines: DiffLine[]; lang?: string; label?: string }) {
  const { t } = useTranslation()
  return (
    <div className="policy-diff" role="region" aria-label={label ?? t('policy:diff.label')} lang={lang}>
      {lines.map((line, i) => {
        if (line.kind === 'changed') {
          return (
            <div key={i} className="diff-line diff-changed">
              <div className="diff-before" aria-label={t('policy:diff.before')}><Parts parts={line.before} /></div>
              <div className="diff-after" aria-label={t('policy:diff.after')}><Parts parts={line.after} /></div>
            </div>
          )
        }
        if (line.text.trim() === '') return null
        if (line.kind === 'added') return <div key={i} className="diff-line diff-added"><ins>{line.text}</ins></div>
        if (line.kind === 'removed') return <div key={i} className="diff-line diff-removed"><del>{line.text}</del></div>
        return <div key={i} className="diff-line diff-same">{line.text}</div>
      })}
    </div>
  )
}

// Each document's names in words (an explicit list, so the catalogue check sees the keys).
export const DOCUMENT_WORDS = {
  privacy: { title: 'policy:documents.privacy.title', history: 'policy:documents.privacy.history' },
  terms: { title: 'policy:documents.terms.title', history: 'policy:documents.terms.history' },
  cookies: { title: 'policy:documents.cookies.title', history: 'policy:documents.cookies.history' },
} as const
