import type { ReactNode } from 'react'
import type { DiffLine, DiffPart } from '~/lib/domain/text-diff'

// Versioned documents are plain text: "## " and "### " start headings, "- " list items, the rest paragraphs.
export function PolicyText({ text }: { text: string }) {
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
  return <div className="policy-text">{out}</div>
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
export function PolicyDiff({ lines }: { lines: DiffLine[] }) {
  return (
    <div className="policy-diff" role="region" aria-label="Changes">
      {lines.map((line, i) => {
        if (line.kind === 'changed') {
          return (
            <div key={i} className="diff-line diff-changed">
              <div className="diff-before" aria-label="before"><Parts parts={line.before} /></div>
              <div className="diff-after" aria-label="after"><Parts parts={line.after} /></div>
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
