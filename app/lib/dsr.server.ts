// Data subject requests: numbering, deadlines and the event trail.
import { count, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests } from '#db/schema'

export function countRequestsByStatus() {
  return db
    .select({ status: dataSubjectRequests.status, count: count() })
    .from(dataSubjectRequests)
    .where(sql`${dataSubjectRequests.status} <> 'identity_unverified'`)
    .groupBy(dataSubjectRequests.status)
    .orderBy(dataSubjectRequests.status)
}
