-- Invited users have no password until they accept their one-time invite.
ALTER TABLE "app_user" ALTER COLUMN "password_hash" DROP NOT NULL;
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_password_check" CHECK (("password_hash" IS NULL) = ("status" = 'invited'));

CREATE TABLE "invite" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "accepted_at" TIMESTAMPTZ(6),
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invite_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "invite_token_hash_key" ON "invite"("token_hash");
CREATE INDEX "invite_user_id_idx" ON "invite"("user_id");
ALTER TABLE "invite" ADD CONSTRAINT "invite_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
