// A readable line diff (longest common subsequence), with word-level marks inside changed lines.

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string }
export type DiffLine =
  | { kind: 'same'; text: string }
  | { kind: 'added'; text: string }
  | { kind: 'removed'; text: string }
  | { kind: 'changed'; before: DiffPart[]; after: DiffPart[] }

function lcsTable<T>(a: T[], b: T[]) {
  const table: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1])
    }
  }
  return table
}

function diffSequence<T>(a: T[], b: T[]): Array<{ kind: 'same' | 'added' | 'removed'; value: T }> {
  const table = lcsTable(a, b)
  const out: Array<{ kind: 'same' | 'added' | 'removed'; value: T }> = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', value: a[i] })
      i++
      j++
    } else if (table[i + 1][j] >= table[i][j + 1]) {
      out.push({ kind: 'removed', value: a[i++] })
    } else {
      out.push({ kind: 'added', value: b[j++] })
    }
  }
  while (i < a.length) out.push({ kind: 'removed', value: a[i++] })
  while (j < b.length) out.push({ kind: 'added', value: b[j++] })
  return out
}

function wordDiff(before: string, after: string): { before: DiffPart[]; after: DiffPart[] } {
  const tokens = (s: string) => s.split(/(\s+)/).filter((t) => t.length > 0)
  const parts = diffSequence(tokens(before), tokens(after))
  const merge = (kinds: Array<'same' | 'added' | 'removed'>) => {
    const merged: DiffPart[] = []
    for (const p of parts) {
      if (!kinds.includes(p.kind)) continue
      const last = merged[merged.length - 1]
      if (last && last.kind === p.kind) last.text += p.value
      else merged.push({ kind: p.kind, text: p.value })
    }
    return merged
  }
  return { before: merge(['same', 'removed']), after: merge(['same', 'added']) }
}

export function diffLines(before: string, after: string): DiffLine[] {
  const seq = diffSequence(before.split('\n'), after.split('\n'))
  const out: DiffLine[] = []
  for (let k = 0; k < seq.length; k++) {
    const item = seq[k]
    const next = seq[k + 1]
    // a removal directly followed by an addition is one changed line: mark the words
    if (item.kind === 'removed' && next?.kind === 'added') {
      out.push({ kind: 'changed', ...wordDiff(item.value, next.value) })
      k++
      continue
    }
    out.push({ kind: item.kind, text: item.value })
  }
  return out
}

export function diffStats(lines: DiffLine[]) {
  return {
    added: lines.filter((l) => l.kind === 'added' || l.kind === 'changed').length,
    removed: lines.filter((l) => l.kind === 'removed' || l.kind === 'changed').length,
  }
}
