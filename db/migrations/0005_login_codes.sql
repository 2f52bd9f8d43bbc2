-- German texts next to the English ones (decisions 065, 066). Existing rows get '' for a moment and
-- db/seed.ts fills them from the seed data on the next start; new rows must bring their German text.
ALTER TYPE "public"."verification_purpose" ADD VALUE 'login';
