-- Login throttling that an office behind one IP address cannot lock itself out of (issue #12):
-- `score` is a failure count that halves every half-hour (so failures of an hour ago weigh a
-- quarter, and a quiet office is back to zero), and a client that has signed in to an account
-- before (email + IP) is not held back by the IP's failures, only by the account's own.
ALTER TABLE "login_throttle" ADD COLUMN "score" DOUBLE PRECISION NOT NULL DEFAULT 0;
UPDATE "login_throttle" SET "score" = "failures";

CREATE TABLE "login_known_client" (
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "last_success_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "login_known_client_pkey" PRIMARY KEY ("email", "ip")
);
