CREATE TABLE "audit_anchors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"audit_log_id" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"anchored_at" timestamp with time zone NOT NULL,
	"signature" text NOT NULL,
	"public_key" text NOT NULL,
	"source" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text
);
--> statement-breakpoint
CREATE INDEX "audit_anchors_anchored_at_idx" ON "audit_anchors" USING btree ("anchored_at" DESC NULLS LAST,"id" DESC NULLS LAST);