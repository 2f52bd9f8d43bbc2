-- German texts next to the English ones (decisions 065, 066). Rows that exist already get '' for a moment:
-- db/seed.ts fills them from the seed data on the next start; new rows must bring their German text.
ALTER TABLE "data_categories" ADD COLUMN "name_de" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "data_categories" ADD COLUMN "description_de" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "data_categories" ADD COLUMN "fields_de" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "legal_bases" ADD COLUMN "article_de" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "legal_bases" ADD COLUMN "description_de" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "purposes" ADD COLUMN "name_de" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "purposes" ADD COLUMN "description_de" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "name_de" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "service_de" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "country_de" text;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "safeguards_de" text;--> statement-breakpoint
ALTER TABLE "retention_rules" ADD COLUMN "name_de" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "retention_rules" ADD COLUMN "description_de" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "retention_rules" ADD COLUMN "legal_reason_de" text;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD COLUMN "text_de" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD COLUMN "change_summary_de" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD COLUMN "purpose_texts_de" jsonb;--> statement-breakpoint
ALTER TABLE "data_categories" ALTER COLUMN "name_de" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "data_categories" ALTER COLUMN "description_de" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "legal_bases" ALTER COLUMN "article_de" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "legal_bases" ALTER COLUMN "description_de" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "purposes" ALTER COLUMN "name_de" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "purposes" ALTER COLUMN "description_de" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "recipients" ALTER COLUMN "name_de" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "recipients" ALTER COLUMN "service_de" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "retention_rules" ALTER COLUMN "name_de" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "retention_rules" ALTER COLUMN "description_de" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "policy_versions" ALTER COLUMN "text_de" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "policy_versions" ALTER COLUMN "change_summary_de" DROP DEFAULT;
