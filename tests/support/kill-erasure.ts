// Child process for the kill -9 test (tests/integration/cancellation.spec.ts): completes one cancellation.
// The test holds a lock the erasure needs near its end, then kills this process while it waits.
import { completeCancellation } from '~/lib/erasure/cancellation.server'

const cancellationId = Number(process.argv[2])
if (!Number.isSafeInteger(cancellationId)) throw new Error('usage: kill-erasure.ts <cancellation id>')
const result = await completeCancellation({ cancellationId })
process.stdout.write(`${JSON.stringify({ completed: result.completed })}\n`)
process.exit(0)
