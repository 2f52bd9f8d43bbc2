import { z } from 'zod'

// Row ids in URLs and forms (bigserial, shown to people as plain numbers): digits only, no sign, no leading
// zero, at most 15 digits so the number is exact in JavaScript. Anything else is "not found", never a 500.
const ROW_ID = /^[1-9]\d{0,14}$/

/** The id, or null when the text is not one (the caller answers 404 or a field error). */
export function parseRowId(raw: unknown): number | null {
  return typeof raw === 'string' && ROW_ID.test(raw) ? Number(raw) : null
}

/** The same rule for a zod schema; `message` is the field error (a catalogue key). */
export function rowIdSchema(message?: string) {
  return z
    .string()
    .trim()
    .regex(ROW_ID, message)
    .transform((v) => Number(v))
}
