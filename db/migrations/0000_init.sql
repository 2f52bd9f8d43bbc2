CREATE TYPE "public"."contact_role" AS ENUM('controller', 'dpo', 'supervisory_authority');--> statement-breakpoint
CREATE TYPE "public"."data_source" AS ENUM('data_subject', 'our_systems', 'affiliate', 'payment_provider');--> statement-breakpoint
CREATE TYPE "public"."recipient_kind" AS ENUM('processor', 'third_party', 'partner', 'public');--> statement-breakpoint
CREATE TYPE "public"."account_status" AS ENUM('active', 'cancellation_pending', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('customer', 'dpo');--> statement-breakpoint
CREATE TYPE "public"."verification_purpose" AS ENUM('signup', 'email_change', 'request_identity');--> statement-breakpoint
CREATE TYPE "public"."consent_action" AS ENUM('given', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."consent_method" AS ENUM('signup_checkbox', 'banner_accept_all', 'banner_reject_all', 'banner_save', 'settings_toggle', 'email_link', 'global_privacy_control', 'contact_form', 'forum_signup', 'feed_subscription');--> statement-breakpoint
CREATE TYPE "public"."actor_type" AS ENUM('customer', 'dpo', 'system', 'data_subject');--> statement-breakpoint
CREATE TYPE "public"."archive_operation" AS ENUM('UPDATE', 'DELETE');--> statement-breakpoint
CREATE TYPE "public"."dsr_status" AS ENUM('identity_unverified', 'received', 'in_progress', 'awaiting_clarification', 'completed', 'denied', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."dsr_type" AS ENUM('access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'consent_withdrawal', 'other');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."recipient_notification_kind" AS ENUM('rectification', 'erasure', 'restriction');--> statement-breakpoint
CREATE TYPE "public"."restriction_reason" AS ENUM('accuracy_contested', 'legal_hold', 'objection', 'unlawful_processing', 'data_subject_request');--> statement-breakpoint
CREATE TYPE "public"."policy_notice_status" AS ENUM('queued', 'sent', 'failed', 'acknowledged');--> statement-breakpoint
CREATE TYPE "public"."policy_version_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TABLE "data_categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"purpose_id" integer NOT NULL,
	"retention_rule_id" integer NOT NULL,
	"source" "data_source" NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "data_categories_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "legal_bases" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"article" text NOT NULL,
	"description" text NOT NULL,
	CONSTRAINT "legal_bases_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "purpose_recipients" (
	"purpose_id" integer NOT NULL,
	"recipient_id" integer NOT NULL,
	CONSTRAINT "purpose_recipients_purpose_id_recipient_id_pk" PRIMARY KEY("purpose_id","recipient_id")
);
--> statement-breakpoint
CREATE TABLE "purposes" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"legal_basis_id" integer NOT NULL,
	"retention_rule_id" integer NOT NULL,
	"consent_required" boolean DEFAULT false NOT NULL,
	"cookie_category" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "purposes_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "recipients" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" "recipient_kind" NOT NULL,
	"service" text NOT NULL,
	"address" text,
	"country" text,
	"safeguards" text,
	"privacy_url" text,
	CONSTRAINT "recipients_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "registry_contacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"role" "contact_role" NOT NULL,
	"name" text NOT NULL,
	"street" text NOT NULL,
	"postal_code" text NOT NULL,
	"city" text NOT NULL,
	"country" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"website" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_contacts_role_unique" UNIQUE("role")
);
--> statement-breakpoint
CREATE TABLE "registry_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"description" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"period" interval,
	"legal_reason" text,
	"is_legal_hold" boolean DEFAULT false NOT NULL,
	CONSTRAINT "retention_rules_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "affiliate_partners" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"contact_email" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text,
	"email" text NOT NULL,
	"purpose" "verification_purpose" NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"bucket" text NOT NULL,
	"key_hash" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_agent" text,
	"reauthenticated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "user_role" DEFAULT 'customer' NOT NULL,
	"status" "account_status" DEFAULT 'active' NOT NULL,
	"email_verified_at" timestamp with time zone,
	"account_expires_at" timestamp with time zone,
	"subscription_active" boolean DEFAULT false NOT NULL,
	"age_confirmed_at" timestamp with time zone NOT NULL,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"transaction_number" text NOT NULL,
	"provider_id" integer NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"user_id" text PRIMARY KEY NOT NULL,
	"affiliate_partner_id" integer NOT NULL,
	"referred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "traffic_usage" (
	"user_id" text PRIMARY KEY NOT NULL,
	"month" date NOT NULL,
	"bytes_used" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_settings" (
	"user_id" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_settings_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "vpn_sessions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"client_ip" "inet" NOT NULL,
	"server_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contact_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "feed_subscriptions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text,
	"email" text NOT NULL,
	"topic" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forum_posts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text,
	"parent_id" bigint,
	"author_name" text NOT NULL,
	"author_email" text,
	"title" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"anonymised_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text,
	"visitor_id" text,
	"email" text,
	"purpose_id" integer NOT NULL,
	"action" "consent_action" NOT NULL,
	"method" "consent_method" NOT NULL,
	"policy_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "archived_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"table_name" text NOT NULL,
	"row_id" text NOT NULL,
	"user_id" text,
	"operation" "archive_operation" NOT NULL,
	"old_row" jsonb NOT NULL,
	"new_row" jsonb,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" "actor_type" DEFAULT 'system' NOT NULL,
	"actor_id" text,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "data_subject_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"user_id" text,
	"email" text,
	"type" "dsr_type" NOT NULL,
	"status" "dsr_status" NOT NULL,
	"subject" text,
	"details" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"extended_at" timestamp with time zone,
	"extension_reason" text,
	"completed_at" timestamp with time zone,
	"denied_at" timestamp with time zone,
	"denial_reason" text,
	"withdrawn_at" timestamp with time zone,
	"reviewer_id" text,
	"category_slug" text,
	"identity_verified_at" timestamp with time zone,
	"access_token_hash" text,
	"clarification_requested_at" timestamp with time zone,
	"clarification_question" text,
	"clarification_token_hash" text,
	"clarification_answered_at" timestamp with time zone,
	"manifestly_unfounded_at" timestamp with time zone,
	"unfounded_justification" text,
	"due_soon_reminder_sent_at" timestamp with time zone,
	"overdue_reminder_sent_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_subject_requests_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "dsr_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"from_status" "dsr_status",
	"to_status" "dsr_status",
	"actor_type" "actor_type" NOT NULL,
	"actor_id" text,
	"note" text,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text,
	"template" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recipient_notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" bigint,
	"user_id" text,
	"recipient_id" integer NOT NULL,
	"kind" "recipient_notification_kind" NOT NULL,
	"subject" text NOT NULL,
	"channel" text NOT NULL,
	"notified_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "restrictions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text,
	"email" text,
	"category_slug" text NOT NULL,
	"row_id" text,
	"reason" "restriction_reason" NOT NULL,
	"request_id" bigint,
	"retention_rule_id" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone,
	"lifted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "supplementary_statements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"category_slug" text NOT NULL,
	"row_id" text,
	"statement" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_cancellations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"request_id" bigint,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"undo_token_hash" text NOT NULL,
	"undone_at" timestamp with time zone,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "deletion_receipts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"rule_slug" text NOT NULL,
	"retention_rule_id" integer,
	"table_name" text NOT NULL,
	"user_id" text,
	"request_id" bigint,
	"row_count" integer NOT NULL,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" bigint,
	"event_id" bigint,
	"kind" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"payload_hash" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "policy_documents_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "policy_notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"status" "policy_notice_status" DEFAULT 'queued' NOT NULL,
	"outbox_id" bigint,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"document_id" integer NOT NULL,
	"number" integer NOT NULL,
	"status" "policy_version_status" DEFAULT 'draft' NOT NULL,
	"text" text NOT NULL,
	"change_summary" text NOT NULL,
	"significant" boolean DEFAULT false NOT NULL,
	"purpose_texts" jsonb,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"effective_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "data_categories" ADD CONSTRAINT "data_categories_purpose_id_purposes_id_fk" FOREIGN KEY ("purpose_id") REFERENCES "public"."purposes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_categories" ADD CONSTRAINT "data_categories_retention_rule_id_retention_rules_id_fk" FOREIGN KEY ("retention_rule_id") REFERENCES "public"."retention_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purpose_recipients" ADD CONSTRAINT "purpose_recipients_purpose_id_purposes_id_fk" FOREIGN KEY ("purpose_id") REFERENCES "public"."purposes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purpose_recipients" ADD CONSTRAINT "purpose_recipients_recipient_id_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."recipients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purposes" ADD CONSTRAINT "purposes_legal_basis_id_legal_bases_id_fk" FOREIGN KEY ("legal_basis_id") REFERENCES "public"."legal_bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purposes" ADD CONSTRAINT "purposes_retention_rule_id_retention_rules_id_fk" FOREIGN KEY ("retention_rule_id") REFERENCES "public"."retention_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_verifications" ADD CONSTRAINT "email_verifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_provider_id_recipients_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."recipients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_affiliate_partner_id_affiliate_partners_id_fk" FOREIGN KEY ("affiliate_partner_id") REFERENCES "public"."affiliate_partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "traffic_usage" ADD CONSTRAINT "traffic_usage_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_settings" ADD CONSTRAINT "user_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vpn_sessions" ADD CONSTRAINT "vpn_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_messages" ADD CONSTRAINT "contact_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_subscriptions" ADD CONSTRAINT "feed_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_posts" ADD CONSTRAINT "forum_posts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_posts" ADD CONSTRAINT "forum_posts_parent_id_forum_posts_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."forum_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_purpose_id_purposes_id_fk" FOREIGN KEY ("purpose_id") REFERENCES "public"."purposes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dsr_events" ADD CONSTRAINT "dsr_events_request_id_data_subject_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."data_subject_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_notifications" ADD CONSTRAINT "recipient_notifications_request_id_data_subject_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."data_subject_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_notifications" ADD CONSTRAINT "recipient_notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_notifications" ADD CONSTRAINT "recipient_notifications_recipient_id_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."recipients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restrictions" ADD CONSTRAINT "restrictions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restrictions" ADD CONSTRAINT "restrictions_request_id_data_subject_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."data_subject_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restrictions" ADD CONSTRAINT "restrictions_retention_rule_id_retention_rules_id_fk" FOREIGN KEY ("retention_rule_id") REFERENCES "public"."retention_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplementary_statements" ADD CONSTRAINT "supplementary_statements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_cancellations" ADD CONSTRAINT "account_cancellations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_cancellations" ADD CONSTRAINT "account_cancellations_request_id_data_subject_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."data_subject_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deletion_receipts" ADD CONSTRAINT "deletion_receipts_retention_rule_id_retention_rules_id_fk" FOREIGN KEY ("retention_rule_id") REFERENCES "public"."retention_rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deletion_receipts" ADD CONSTRAINT "deletion_receipts_request_id_data_subject_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."data_subject_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_notices" ADD CONSTRAINT "policy_notices_version_id_policy_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."policy_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_notices" ADD CONSTRAINT "policy_notices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_notices" ADD CONSTRAINT "policy_notices_outbox_id_outbox_messages_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_document_id_policy_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."policy_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_categories_purpose_id_idx" ON "data_categories" USING btree ("purpose_id");--> statement-breakpoint
CREATE INDEX "data_categories_retention_rule_id_idx" ON "data_categories" USING btree ("retention_rule_id");--> statement-breakpoint
CREATE INDEX "purpose_recipients_recipient_id_idx" ON "purpose_recipients" USING btree ("recipient_id");--> statement-breakpoint
CREATE INDEX "purposes_legal_basis_id_idx" ON "purposes" USING btree ("legal_basis_id");--> statement-breakpoint
CREATE INDEX "purposes_retention_rule_id_idx" ON "purposes" USING btree ("retention_rule_id");--> statement-breakpoint
CREATE INDEX "email_verifications_user_id_idx" ON "email_verifications" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "email_verifications_expires_at_idx" ON "email_verifications" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rate_limits_pk" ON "rate_limits" USING btree ("bucket","key_hash","window_start");--> statement-breakpoint
CREATE INDEX "rate_limits_window_start_idx" ON "rate_limits" USING btree ("window_start");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_lower_idx" ON "users" USING btree (lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "payments_user_id_paid_at_idx" ON "payments" USING btree ("user_id","paid_at");--> statement-breakpoint
CREATE INDEX "payments_provider_id_idx" ON "payments" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "referrals_affiliate_partner_id_idx" ON "referrals" USING btree ("affiliate_partner_id");--> statement-breakpoint
CREATE INDEX "vpn_sessions_user_id_started_at_idx" ON "vpn_sessions" USING btree ("user_id","started_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "vpn_sessions_started_at_idx" ON "vpn_sessions" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "contact_messages_user_id_idx" ON "contact_messages" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "contact_messages_email_lower_idx" ON "contact_messages" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "feed_subscriptions_user_id_idx" ON "feed_subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "feed_subscriptions_email_lower_idx" ON "feed_subscriptions" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "forum_posts_user_id_created_at_idx" ON "forum_posts" USING btree ("user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "forum_posts_parent_id_idx" ON "forum_posts" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "forum_posts_author_email_lower_idx" ON "forum_posts" USING btree (lower("author_email"));--> statement-breakpoint
CREATE INDEX "consents_user_id_purpose_id_idx" ON "consents" USING btree ("user_id","purpose_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "consents_visitor_id_idx" ON "consents" USING btree ("visitor_id");--> statement-breakpoint
CREATE INDEX "consents_purpose_id_idx" ON "consents" USING btree ("purpose_id");--> statement-breakpoint
CREATE INDEX "archived_changes_user_id_changed_at_idx" ON "archived_changes" USING btree ("user_id","changed_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "archived_changes_changed_at_idx" ON "archived_changes" USING btree ("changed_at");--> statement-breakpoint
CREATE INDEX "dsr_user_id_received_at_idx" ON "data_subject_requests" USING btree ("user_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dsr_reviewer_id_idx" ON "data_subject_requests" USING btree ("reviewer_id");--> statement-breakpoint
CREATE INDEX "dsr_status_due_at_idx" ON "data_subject_requests" USING btree ("status","due_at","id");--> statement-breakpoint
CREATE INDEX "dsr_email_lower_idx" ON "data_subject_requests" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "dsr_events_request_id_idx" ON "dsr_events" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_messages_user_id_idx" ON "outbox_messages" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "outbox_messages_pending_idx" ON "outbox_messages" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_messages_to_address_idx" ON "outbox_messages" USING btree ("to_address","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "recipient_notifications_request_id_idx" ON "recipient_notifications" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "recipient_notifications_user_id_idx" ON "recipient_notifications" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "recipient_notifications_recipient_id_idx" ON "recipient_notifications" USING btree ("recipient_id");--> statement-breakpoint
CREATE INDEX "restrictions_user_id_idx" ON "restrictions" USING btree ("user_id","category_slug");--> statement-breakpoint
CREATE INDEX "restrictions_request_id_idx" ON "restrictions" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "restrictions_retention_rule_id_idx" ON "restrictions" USING btree ("retention_rule_id");--> statement-breakpoint
CREATE INDEX "restrictions_ends_at_idx" ON "restrictions" USING btree ("ends_at");--> statement-breakpoint
CREATE INDEX "supplementary_statements_user_id_idx" ON "supplementary_statements" USING btree ("user_id","category_slug");--> statement-breakpoint
CREATE INDEX "account_cancellations_user_id_idx" ON "account_cancellations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "account_cancellations_request_id_idx" ON "account_cancellations" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "account_cancellations_effective_at_idx" ON "account_cancellations" USING btree ("effective_at");--> statement-breakpoint
CREATE INDEX "deletion_receipts_user_id_idx" ON "deletion_receipts" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "deletion_receipts_request_id_idx" ON "deletion_receipts" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "deletion_receipts_retention_rule_id_idx" ON "deletion_receipts" USING btree ("retention_rule_id");--> statement-breakpoint
CREATE INDEX "deletion_receipts_created_at_idx" ON "deletion_receipts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_request_id_idx" ON "audit_log" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_notices_version_user_idx" ON "policy_notices" USING btree ("version_id","user_id");--> statement-breakpoint
CREATE INDEX "policy_notices_user_id_idx" ON "policy_notices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "policy_notices_outbox_id_idx" ON "policy_notices" USING btree ("outbox_id");--> statement-breakpoint
CREATE INDEX "policy_notices_version_status_idx" ON "policy_notices" USING btree ("version_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_versions_document_number_idx" ON "policy_versions" USING btree ("document_id","number");--> statement-breakpoint
CREATE INDEX "policy_versions_document_effective_idx" ON "policy_versions" USING btree ("document_id","effective_at");--> statement-breakpoint
CREATE INDEX "policy_versions_created_by_id_idx" ON "policy_versions" USING btree ("created_by_id");