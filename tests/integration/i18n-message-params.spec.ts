// Messages travel as keys with parameters; a parameter that is itself a key (keyParam, "$t:ns:key") is put into
// words in the reader's language too. The DPO's correction form names its fields and errors by keys, so the
// customer's email names the corrected field in the customer's language, and the DPO reads the form in theirs.
import { expect, test } from '@playwright/test'
import i18next from 'i18next'
import { keyParam, msg, translateMessage } from '~/i18n/translate'
import { SUPPORTED_LANGUAGES } from '~/i18n/config'
import { fixedT } from '~/lib/platform/i18n.server'
import { checkDpoCorrection, correctionFieldsOf } from '~/lib/rectification/rectification.server'

test('a parameter marked as a catalogue key is translated in the reader’s language', () => {
  const line = msg('emails:requestCompleted.outcome.correctedValue', { field: keyParam('dpo:correction.field.payments.currency'), value: 'EUR' })
  expect(translateMessage(fixedT('de'), line)).toBe('Währung lautet jetzt „EUR“.')
  expect(translateMessage(fixedT('en'), line)).toBe('Currency is now “EUR”.')
  // a value that only looks like a marker, or plain words, stays as it is
  expect(translateMessage(fixedT('de'), msg('emails:requestCompleted.outcome.correctedValue', { field: '$t:not a key', value: '$t:x' }))).toBe('$t:not a key lautet jetzt „$t:x“.')
})

test('the DPO’s correction fields and their messages are catalogue keys, worded in German and in English', () => {
  for (const category of ['account', 'forum_posts', 'settings', 'payments', 'vpn_sessions', 'traffic', 'affiliate']) {
    const fields = correctionFieldsOf(category)
    expect(fields.length, category).toBeGreaterThan(0)
    for (const f of fields) for (const language of SUPPORTED_LANGUAGES) expect(i18next.exists(f.label, { lng: language }), `${language} ${f.label}`).toBe(true)
  }
  const de = fixedT('de')
  const say = (r: ReturnType<typeof checkDpoCorrection>) => (r.ok ? translateMessage(de, r.label) : translateMessage(de, r.message))
  expect(say(checkDpoCorrection('payments', { field: 'nonsense', value: '1' }))).toBe('Wählen Sie eines der Felder, die für diese Daten aufgeführt sind.')
  expect(say(checkDpoCorrection('payments', { field: 'amountCents', value: '-3' }))).toBe('Betrag in Cent darf nicht negativ sein.')
  expect(say(checkDpoCorrection('payments', { field: 'amountCents', value: 'zwölf' }))).toBe('Betrag in Cent: Geben Sie eine ganze Zahl ein.')
  expect(say(checkDpoCorrection('payments', { field: 'paidAt', value: 'gestern' }))).toBe('Bezahlt am: Geben Sie Datum und Uhrzeit ein, etwa 2026-01-15T10:00:00Z.')
  expect(say(checkDpoCorrection('payments', { field: 'currency', value: 'euro' }))).toBe('Geben Sie die Währung mit drei Großbuchstaben an, etwa EUR.')
  expect(say(checkDpoCorrection('settings', { field: 'kill_switch', value: 'maybe' }))).toBe('Wählen Sie einen dieser Werte: on, off.')
  // the checked field's label goes into the customer's email as a key
  const ok = checkDpoCorrection('vpn_sessions', { field: 'serverId', value: 'zurich-2' })
  expect(ok.ok && translateMessage(de, msg('emails:requestCompleted.outcome.correctedValue', { field: ok.label, value: ok.shown('de') }))).toBe('VPN-Server lautet jetzt „zurich-2“.')
  expect(ok.ok && translateMessage(fixedT('en'), msg('emails:requestCompleted.outcome.correctedValue', { field: ok.label, value: ok.shown('en') }))).toBe('VPN server is now “zurich-2”.')
})
