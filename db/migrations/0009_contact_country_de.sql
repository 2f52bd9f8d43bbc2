ALTER TABLE "registry_contacts" ADD COLUMN "country_de" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- the seeded contacts' country in German; any other country waits for the DPO, and shows its English until then
UPDATE "registry_contacts" SET "country_de" = 'Deutschland' WHERE "country" = 'Germany';
