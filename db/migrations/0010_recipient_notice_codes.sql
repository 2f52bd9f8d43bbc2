ALTER TABLE "recipient_notifications" ADD COLUMN "about" text;--> statement-breakpoint
ALTER TABLE "recipient_notifications" ADD COLUMN "channel_code" text;--> statement-breakpoint
ALTER TABLE "recipient_notifications" ADD COLUMN "addressee" text;--> statement-breakpoint
ALTER TABLE "recipient_notifications" ADD CONSTRAINT "recipient_notifications_about_check" CHECK ("recipient_notifications"."about" in ('email', 'payment', 'referral', 'forum_name', 'forum_post'));--> statement-breakpoint
ALTER TABLE "recipient_notifications" ADD CONSTRAINT "recipient_notifications_channel_code_check" CHECK ("recipient_notifications"."channel_code" in ('email_to_recipient', 'email_via_dpo', 'published'));