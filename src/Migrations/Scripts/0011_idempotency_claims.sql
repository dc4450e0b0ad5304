-- An Idempotency-Key is claimed before its request executes (a row without an answer), so two concurrent
-- requests with one key cannot both execute: the second finds the claim and is answered 409 until the
-- answer is stored. (Numbered after 0010, which another branch already uses.)
ALTER TABLE idempotent_request
    ALTER COLUMN status_code DROP NOT NULL,  -- null while the request is in flight
    ALTER COLUMN response    DROP NOT NULL,
    ADD COLUMN claimed_at  timestamptz NOT NULL DEFAULT now(),  -- a claim older than the lease was left by a dead Gateway
    ADD COLUMN answered_at timestamptz;

UPDATE idempotent_request SET answered_at = created_at, claimed_at = created_at;

ALTER TABLE idempotent_request
    ADD CONSTRAINT idempotent_request_answer_whole CHECK ((status_code IS NULL) = (response IS NULL) AND (status_code IS NULL) = (answered_at IS NULL));

-- Pruning after the retention period walks this index.
CREATE INDEX idempotent_request_created ON idempotent_request (created_at);
