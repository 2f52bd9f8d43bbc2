// The language a person's emails are written in: one of the portal's languages (app/i18n/config.ts).
import { sql } from 'drizzle-orm'
import { check, text, type AnyPgColumn } from 'drizzle-orm/pg-core'

export const EMAIL_LANGUAGES = ['de', 'en'] as const
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number]

export const languageColumn = () => text('language').$type<EmailLanguage>().notNull().default('en')

export const languageCheck = (table: string, column: AnyPgColumn) => check(`${table}_language_check`, sql`${column} in ('de', 'en')`)
