// The contact form: the message and the consent it was sent under, together or not at all.
import { db } from '#db/client.server'
import { contactMessages } from '#db/schema'
import { recordConsents } from './consent.server'

export interface NewContactMessage {
  userId: string | null
  name: string
  email: string
  message: string
}

export async function createContactMessage(input: NewContactMessage) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(contactMessages).values(input).returning({ id: contactMessages.id })
    const subject = input.userId ? { userId: input.userId } : { email: input.email }
    await recordConsents(tx, { subject, method: 'contact_form', choices: [{ purpose: 'contact_form', action: 'given' }] })
    return row
  })
}
