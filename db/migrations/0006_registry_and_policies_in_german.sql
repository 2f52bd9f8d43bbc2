ALTER TABLE "data_categories" ADD COLUMN "name_de" text NOT NULL;--> statement-breakpoint
ALTER TABLE "data_categories" ADD COLUMN "description_de" text NOT NULL;--> statement-breakpoint
ALTER TABLE "data_categories" ADD COLUMN "fields_de" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "legal_bases" ADD COLUMN "article_de" text NOT NULL;--> statement-breakpoint
ALTER TABLE "legal_bases" ADD COLUMN "description_de" text NOT NULL;--> statement-breakpoint
ALTER TABLE "purposes" ADD COLUMN "name_de" text NOT NULL;--> statement-breakpoint
ALTER TABLE "purposes" ADD COLUMN "description_de" text NOT NULL;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "name_de" text NOT NULL;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "service_de" text NOT NULL;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "country_de" text;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "safeguards_de" text;--> statement-breakpoint
ALTER TABLE "retention_rules" ADD COLUMN "name_de" text NOT NULL;--> statement-breakpoint
ALTER TABLE "retention_rules" ADD COLUMN "description_de" text NOT NULL;--> statement-breakpoint
ALTER TABLE "retention_rules" ADD COLUMN "legal_reason_de" text;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD COLUMN "text_de" text NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD COLUMN "change_summary_de" text NOT NULL;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD COLUMN "purpose_texts_de" jsonb;