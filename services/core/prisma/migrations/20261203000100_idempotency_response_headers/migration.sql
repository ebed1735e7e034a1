-- A replayed answer is the whole answer: the headers a client acts on (ETag for the next If-Match,
-- Location to poll) are kept with the status and body (routes/idempotency.ts).
ALTER TABLE idempotency_key ADD COLUMN response_headers JSONB;
