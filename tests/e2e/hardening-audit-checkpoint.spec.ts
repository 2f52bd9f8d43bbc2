// Issue 11, item 12, as the DPO sees it on /dpo/audit: download a checkpoint, keep it, check the chain
// against it later; a file that was tampered with is refused next to the field, never with a 500.
import fs from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { db } from '#db/client.server'
import { readCheckpoint, signCheckpoint, type Checkpoint } from '~/lib/requests/audit-anchor.server'
import { createRequest, recordEvent } from '~/lib/requests/dsr.server'
import { createUser, loginAs, uniqueName } from '../support/fixtures'

test.beforeEach(async ({ page, baseURL }) => {
  await loginAs(page.context(), await createUser({ role: 'dpo' }), baseURL!)
  // something in the chain to anchor
  const request = await db.transaction((tx) =>
    createRequest(tx, { userId: null, email: `${uniqueName('anchor')}@example.test`, type: 'other', status: 'received', actor: { type: 'data_subject', id: null } }),
  )
  await db.transaction((tx) => recordEvent(tx, { requestId: request.id, kind: 'note_added', actor: { type: 'dpo', id: null } }))
})

async function downloadCheckpoint(page: Page) {
  await page.goto('/dpo/audit')
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download a checkpoint' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^audit-checkpoint-\d{4}-\d{2}-\d{2}-entry-\d+\.json$/)
  const text = fs.readFileSync((await download.path())!, 'utf8')
  return { text, checkpoint: JSON.parse(text) as Checkpoint }
}

async function checkPasted(page: Page, text: string) {
  const form = page.getByRole('form', { name: 'Check a checkpoint' })
  await form.getByLabel('Or paste its contents').fill(text)
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && /^\/dpo\/audit(\.data)?$/.test(new URL(r.url()).pathname))
  await form.getByRole('button', { name: 'Check the chain against it' }).click()
  return answered
}

test('the DPO downloads a checkpoint, the page says when the chain was last anchored, and the kept file checks out', async ({ page }) => {
  const { text, checkpoint } = await downloadCheckpoint(page)
  expect(checkpoint).toMatchObject({ format: 'privacy-portal-audit-checkpoint', algorithm: 'Ed25519' })
  await page.reload()
  await expect(page.getByTestId('audit-last-anchor')).toContainText(/Last anchored on .+ at entry #\d+/)

  // uploaded as the file it is
  const form = page.getByRole('form', { name: 'Check a checkpoint' })
  // other tests alter an entry for a moment to prove their detection: check again past such a moment
  await expect(async () => {
    await form.getByLabel('Checkpoint file').setInputFiles({ name: 'kept.json', mimeType: 'application/json', buffer: Buffer.from(text) })
    await form.getByRole('button', { name: 'Check the chain against it' }).click()
    await expect(page.getByTestId('checkpoint-verdict')).toContainText(`The chain still holds it: entry #${checkpoint.entry} has the same hash`, { timeout: 5_000 })
  }).toPass()
})

test('a checkpoint file that was tampered with is refused next to the field, with no verdict and no server error', async ({ page }) => {
  const { checkpoint } = await downloadCheckpoint(page)
  const tampered = JSON.stringify({ ...checkpoint, entry: checkpoint.entry + 1 })
  const response = await checkPasted(page, tampered)
  expect(response.status()).toBe(400)
  await expect(page.locator('#field-checkpoint-error')).toContainText('The signature does not match the checkpoint: the file was changed after it was downloaded')
  await expect(page.getByTestId('checkpoint-verdict')).toHaveCount(0)

  const r = await checkPasted(page, 'not a checkpoint at all')
  expect(r.status()).toBe(400)
  await expect(page.locator('#field-checkpoint-error')).toContainText('it is not JSON')
  // nothing chosen or pasted: the form's schema says so in the browser, before any post (decision 093)
  const form = page.getByRole('form', { name: 'Check a checkpoint' })
  await form.getByLabel('Or paste its contents').fill('')
  await form.getByRole('button', { name: 'Check the chain against it' }).click()
  await expect(page.locator('#field-checkpoint-error')).toContainText('Choose the checkpoint file you kept, or paste its contents.')
})

test('a kept checkpoint whose entry the chain no longer holds, or holds with another hash, is reported as broken', async ({ page }) => {
  const { checkpoint } = await downloadCheckpoint(page)
  // what the page would be shown after the end was cut off (the entry is gone) or the chain recomputed (another hash);
  // the real tampering is in tests/integration/hardening-audit-checkpoint.spec.ts
  const beyondTheEnd = signCheckpoint({ entry: checkpoint.entry + 1_000_000, hash: checkpoint.hash, anchoredAt: new Date(checkpoint.anchoredAt) })
  expect((await checkPasted(page, JSON.stringify(beyondTheEnd))).status()).toBe(200)
  await expect(page.getByTestId('checkpoint-verdict')).toContainText(/The chain is broken: it now ends at entry #\d+, before entry #\d+ .+ Its end was cut off\./)

  const otherHash = signCheckpoint({ entry: checkpoint.entry, hash: 'f'.repeat(64), anchoredAt: new Date(checkpoint.anchoredAt) })
  await checkPasted(page, JSON.stringify(otherHash))
  await expect(page.getByTestId('checkpoint-verdict')).toContainText(`The chain is broken: entry #${checkpoint.entry} no longer has the hash it had on`)
  await expect(page.getByTestId('checkpoint-verdict')).toContainText('The chain was rewritten')
})

test('the monthly report carries a signed checkpoint of the chain', async ({ page }) => {
  const res = await page.request.get('/dpo/reports.csv')
  expect(res.status()).toBe(200)
  const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n')
  const at = lines.indexOf('audit_chain_entry,audit_chain_hash,anchored_at,public_key,signature')
  expect(at).toBeGreaterThan(0)
  expect(lines[at - 1]).toBe('')
  const [entry, hash, anchoredAt, publicKey, signature] = lines[at + 1].split(',')
  const read = readCheckpoint(
    JSON.stringify({ format: 'privacy-portal-audit-checkpoint', version: 1, entry: Number(entry), hash, anchoredAt, algorithm: 'Ed25519', publicKey, signature }),
  )
  expect(read.ok).toBe(true)
  await page.goto('/dpo/audit')
  await expect(page.getByTestId('audit-last-anchor')).toContainText(/Last anchored on .+ at entry #\d+/)
})
