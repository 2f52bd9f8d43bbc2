// The start page leads to every right: logged in straight to the page, logged out through the login (or to
// the request without an account), with the controller's name from the registry, in English and German.
import { expect, test, type Page } from '@playwright/test'
import { getRegistryContacts } from '~/lib/registry/registry.server'
import { createUser, loginAs } from '../support/fixtures'

const ACTIONS_EN = ['See my data', 'Download a copy', 'Correct my data', 'Delete my data', 'My consents', 'Cookie settings', 'Cancel my account']
const ACTIONS_DE = ['Meine Daten einsehen', 'Kopie herunterladen', 'Daten berichtigen', 'Daten löschen', 'Meine Einwilligungen', 'Cookie-Einstellungen', 'Konto kündigen']

const actions = (page: Page) => page.getByRole('list', { name: /What you can do here|Was Sie hier tun können/ })

test('logged out: every action is there, says it needs a login and leads through it, or to a request without an account', async ({ page }) => {
  const { controller } = await getRegistryContacts('en')
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Your data, your rights', level: 1 })).toBeVisible()
  const name = page.getByRole('main').getByText(controller.name, { exact: true })
  await expect(name).toBeVisible()
  await expect(name).toHaveAttribute('lang', 'de')

  const list = actions(page)
  for (const action of ACTIONS_EN) await expect(list.getByRole('link', { name: action, exact: true })).toBeVisible()
  await expect(list.getByRole('link', { name: 'A request without an account', exact: true })).toHaveAttribute('href', '/requests/new')
  await expect(list.getByRole('link', { name: 'Cookie settings', exact: true })).toHaveAttribute('href', '/cookies')
  // the six that show or change an account say so, and offer the way without one
  await expect(list.getByText('Log in first')).toHaveCount(6)
  await expect(list.getByRole('link', { name: 'Make a request without an account' })).toHaveCount(6)
  for (const [action, target] of [
    ['See my data', '/my-data'],
    ['Download a copy', '/my-data#access-package'],
    ['My consents', '/consents'],
    ['Cancel my account', '/account/cancel'],
  ]) {
    await expect(list.getByRole('link', { name: action, exact: true })).toHaveAttribute('href', `/login?redirectTo=${encodeURIComponent(target)}`)
  }

  // following one: log in, and arrive where the action said
  const customer = await createUser()
  await list.getByRole('link', { name: 'Cancel my account', exact: true }).click()
  await page.getByLabel('Email address or username').fill(customer.email)
  await page.getByLabel('Password').fill(customer.password)
  await page.getByRole('main').getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(/\/account\/cancel$/)
})

test('logged in as a customer: each action goes straight to its page', async ({ page, context, baseURL }) => {
  await loginAs(context, await createUser(), baseURL!)
  await page.goto('/')
  const list = actions(page)
  await expect(list.getByText('Log in first')).toHaveCount(0)
  for (const [action, target] of [
    ['See my data', '/my-data'],
    ['Download a copy', '/my-data#access-package'],
    ['Correct my data', '/my-data#categories'],
    ['Delete my data', '/my-data#categories'],
    ['My consents', '/consents'],
    ['Cookie settings', '/cookies'],
    ['Cancel my account', '/account/cancel'],
    ['Make another request', '/requests/new'],
  ]) {
    await expect(list.getByRole('link', { name: action, exact: true })).toHaveAttribute('href', target)
  }
  await list.getByRole('link', { name: 'Download a copy', exact: true }).click()
  await expect(page).toHaveURL(/\/my-data#access-package$/)
  await expect(page.getByRole('heading', { name: 'A copy of your data' })).toBeVisible()
})

test.describe('in German', () => {
  test.use({ locale: 'de-DE' })

  test('the start page is German throughout, logged out and logged in', async ({ page, context, baseURL }) => {
    const { controller } = await getRegistryContacts('de')
    await page.goto('/')
    await expect(page.locator('html')).toHaveAttribute('lang', 'de')
    await expect(page).toHaveTitle(/^Ihre Daten, Ihre Rechte · Datenschutzportal$/)
    await expect(page.getByRole('heading', { name: 'Ihre Daten, Ihre Rechte', level: 1 })).toBeVisible()
    await expect(page.getByRole('main')).toContainText(controller.name)
    const list = actions(page)
    for (const action of [...ACTIONS_DE, 'Anfrage ohne Konto']) await expect(list.getByRole('link', { name: action, exact: true })).toBeVisible()
    await expect(list.getByText('Zuerst anmelden')).toHaveCount(6)
    const text = await page.getByRole('main').innerText()
    for (const english of ['Log in', 'Your data', 'request', 'home:']) expect(text).not.toContain(english)

    await loginAs(context, await createUser(), baseURL!)
    await page.goto('/')
    await expect(list.getByRole('link', { name: 'Weitere Anfrage stellen', exact: true })).toHaveAttribute('href', '/requests/new')
    await expect(list.getByText('Zuerst anmelden')).toHaveCount(0)
  })
})

test('the language switch in the header turns the start page German and back', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('banner').getByRole('button', { name: 'Deutsch' }).click()
  await expect(page.getByRole('heading', { name: 'Ihre Daten, Ihre Rechte', level: 1 })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  await page.getByRole('banner').getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('heading', { name: 'Your data, your rights', level: 1 })).toBeVisible()
})
