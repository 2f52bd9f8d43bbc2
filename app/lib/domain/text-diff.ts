// A readable line diff with word-level marks inside changed lines. The diffing is jsdiff's (`diff`); this
// module only shapes its output for the policy pages (app/components/policy-text.tsx).
import { diffArrays, diffWordsWithSpace } from 'diff'

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string }
export type DiffLine =
  | { kind: 'same'; text: string }
  | { kind: 'added'; text: string }
  | { kind: 'removed'; text: string }
  | { kind: 'changed'; before: DiffPart[]; after: DiffPart[] }

const kindOf = (change: { added: boolean; removed: boolean }): DiffPart['kind'] => (change.added ? 'added' : change.removed ? 'removed' : 'same')

function wordDiff(before: string, after: string): { before: DiffPart[]; after: DiffPart[] } {
  const parts = diffWordsWithSpace(before, after).map((c): DiffPart => ({ kind: kindOf(c), text: c.value }))
  return { before: parts.filter((p) => p.kind !== 'added'), after: parts.filter((p) => p.kind !== 'removed') }
}

export function diffLines(before: string, after: string): DiffLine[] {
  const seq = diffArrays(before.split('\n'), after.split('\n'), { oneChangePerToken: true }).map((c) => ({ kind: kindOf(c), text: c.value[0] as string }))
  const out: DiffLine[] = []
  for (let k = 0; k < seq.length; k++) {
    const item = seq[k]
    const next = seq[k + 1]
    // a removal directly followed by an addition is one changed line: mark the words
    if (item.kind === 'removed' && next?.kind === 'added') {
      out.push({ kind: 'changed', ...wordDiff(item.text, next.text) })
      k++
      continue
    }
    out.push({ kind: item.kind, text: item.text })
  }
  return out
}

export function diffStats(lines: DiffLine[]) {
  return {
    added: lines.filter((l) => l.kind === 'added' || l.kind === 'changed').length,
    removed: lines.filter((l) => l.kind === 'removed' || l.kind === 'changed').length,
  }
}
