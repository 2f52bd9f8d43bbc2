// The form of /requests/new: one schema for the browser and the server (no server code here).
import { z } from 'zod'
import { msg } from '~/i18n/translate'
import { code, email, multiLine } from '../domain/validation/form'
import type { DsrType } from './dsr.server'

// What /requests/new offers (Art. 15-21 and a question to the DPO); portability is part of access there.
export const FILEABLE_TYPES = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'other'] as const satisfies readonly DsrType[]
// these say nothing without the person's words: what is wrong, the grounds, the question
export const TYPES_NEEDING_DETAILS: readonly DsrType[] = ['rectification', 'objection', 'other']

const DETAILS_REQUIRED: Partial<Record<DsrType, string>> = {
  rectification: msg('requests:errors.details.rectification'),
  objection: msg('requests:errors.details.objection'),
  other: msg('requests:errors.details.other'),
}

/** `categories`: the slugs the person may choose; `withAccount`: a customer's request goes to the account's address. */
export function requestFormSchema(categories: readonly string[], withAccount: boolean) {
  const fields = z.object({
    intent: z.literal('file'),
    type: z.enum(FILEABLE_TYPES, { errorMap: () => ({ message: msg('requests:errors.type') }) }),
    // left empty: all data
    categorySlug: z
      .string()
      .optional()
      .refine((v) => v === undefined || categories.includes(v), msg('requests:errors.category')),
    details: multiLine('the details', 4000).optional(),
    // a customer's request goes to the account's address; a posted address is ignored
    email: withAccount ? z.unknown().transform(() => null) : email,
  })
  // checked side by side with the fields (a refinement of the object would wait until every field is valid),
  // so the missing details show together with every other problem
  // (it names no fields of its own, so the form's constraints, such as the details' maximum length, stay the fields')
  const details = z
    .object({})
    .passthrough()
    .superRefine((value: Record<string, unknown>, ctx) => {
      const required = missingDetails(value.type, value.details)
      if (required) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['details'], message: required })
    })
  // the check adds no values of its own: the fields' (trimmed) values are the result
  return fields.and(details.transform(() => ({})))
}

/** The message when a type needs the person's words and there are none. */
export function missingDetails(type: unknown, details: unknown) {
  const required = typeof type === 'string' ? DETAILS_REQUIRED[type as DsrType] : undefined
  return required && !(typeof details === 'string' && details.trim() !== '') ? required : null
}

export const VerifySchema = z.object({ intent: z.literal('verify'), code })
