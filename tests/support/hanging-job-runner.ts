// Child process for the crash test (tests/integration/hardening-server-jobs.spec.ts): works one queue with the
// cancellation job's settings, whose run never ends; the test kills it (kill -9) mid-run.
import { CANCELLATION_JOB, startJobRunner } from '~/lib/dpo/jobs.server'

const name = process.argv[2]
if (!name) throw new Error('usage: hanging-job-runner.ts <queue name>')
await startJobRunner({
  databaseUrl: process.env.DATABASE_URL!,
  schedule: false,
  jobs: [{ ...CANCELLATION_JOB, name, run: () => (process.stdout.write('running\n'), new Promise(() => {})) }],
})
process.stdout.write('ready\n')
