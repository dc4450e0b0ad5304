-- The Notifier's outcome log: one row per notice id, whatever channel, whichever worker.
-- The primary key is what makes a redelivered notice harmless: a notice already Sent is acknowledged, never resent.
-- A worker claims a row (status 'Sending', worker, claimed_until) before it sends; a crashed worker's claim expires.
CREATE TABLE notice_log (
    notice_id         text        NOT NULL PRIMARY KEY,
    kind              text        NOT NULL CHECK (kind IN ('dunning', 'statement', 'collector-task', 'legal-escalation')),
    account_id        text        NOT NULL,
    invoice_ids       text[]      NOT NULL DEFAULT '{}',
    stage             text        NOT NULL,
    template_key      text        NOT NULL,
    channel           text        NOT NULL,
    locale            text        NOT NULL,
    recipient         text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('Sending', 'Retrying', 'Sent', 'Suppressed', 'Failed', 'Rejected')),
    attempts          integer     NOT NULL DEFAULT 0,
    detail            text,
    message_id        text,
    emitted_at        timestamptz NOT NULL,
    first_attempt_at  timestamptz NOT NULL,
    last_attempt_at   timestamptz NOT NULL,
    completed_at      timestamptz,
    worker            text        NOT NULL, -- the Notifier process that last held the notice
    claimed_until     timestamptz
) WITH (fillfactor = 80); -- free room on each page for the claim → outcome update; not HOT (status and completed_at are indexed)

-- Reports: outcomes by day, stage, channel and status; an account's contact history.
CREATE INDEX notice_log_by_completion ON notice_log (completed_at, status);
CREATE INDEX notice_log_by_account ON notice_log (account_id, first_attempt_at);
