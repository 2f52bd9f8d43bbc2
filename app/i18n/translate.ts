// Messages that travel from the server to the page as keys (field errors, toasts) and are put into words
// in the reader's language only when shown. A message is "ns:key" or "ns:key|{json params}".
import type { TFunction } from 'i18next'
import i18next from 'i18next'
import { FALLBACK_LANGUAGE, isLanguage, type Language } from './config'

const KEY = /^[a-z]+:[A-Za-z0-9_.-]+$/

// A parameter whose value is itself a message key, marked with this prefix, is put into words in the reader's
// language too, e.g. msg(key, { field: keyParam(labelKey) }): the customer's email names a field in their language.
const KEY_PARAM_PREFIX = '$t:'

export function keyParam(key: string) {
  return `${KEY_PARAM_PREFIX}${key}`
}

export function msg(key: string, params?: Record<string, string | number>) {
  return params ? `${key}|${JSON.stringify(params)}` : key
}

export function translateMessage(t: TFunction, message: string | undefined | null): string | undefined {
  if (!message) return undefined
  const bar = message.indexOf('|')
  const key = bar === -1 ? message : message.slice(0, bar)
  if (!KEY.test(key)) return message // already words (e.g. a message from a library)
  let params: Record<string, unknown> = {}
  if (bar !== -1) {
    try {
      params = JSON.parse(message.slice(bar + 1)) as Record<string, unknown>
    } catch {
      params = {}
    }
  }
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && value.startsWith(KEY_PARAM_PREFIX) && KEY.test(value.slice(KEY_PARAM_PREFIX.length))) {
      params[name] = t(value.slice(KEY_PARAM_PREFIX.length)) as string
    }
  }
  return t(key, params) as string
}

type Match = { id: string; data?: unknown }

// The language of the page being rendered, from the root loader's data (server and browser alike).
export function languageOf(matches: readonly Match[] | undefined): Language {
  const root = matches?.find((m) => m.id === 'root')?.data as { language?: unknown } | undefined
  return isLanguage(root?.language) ? root.language : FALLBACK_LANGUAGE
}

// <title> for a route's meta export: "Page · Brand" in the page's language.
export function pageTitle(matches: readonly Match[] | undefined, key: string, params?: Record<string, unknown>) {
  const t = i18next.getFixedT(languageOf(matches))
  return [{ title: `${t(key, params) as string} · ${t('common:brand') as string}` }]
}
