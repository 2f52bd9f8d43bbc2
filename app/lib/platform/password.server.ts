import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2ID = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string) {
  return hash(password, ARGON2ID)
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// Verifying against this when the account does not exist keeps the timing the same (no enumeration).
let dummyHash: Promise<string> | undefined
export async function verifyAgainstDummy(password: string) {
  dummyHash ??= hashPassword('not-a-real-password-just-for-timing')
  await verifyPassword(await dummyHash, password)
  return false
}
