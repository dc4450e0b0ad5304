-- Durable retry of notices the channel could not take (SMTP down, a 4xx reply, a timeout, the silos away).
-- The Notifier parks such a notice here, with the message it came in, and acknowledges the message: a broker
-- holds an unacknowledged delivery for 30 minutes at most (consumer_timeout), an outage can last hours.
-- Each Notifier's retry pump claims due rows oldest first, so notices go out in order once the channel is back.
ALTER TABLE notice_log
    ADD COLUMN next_attempt_at timestamptz,  -- when a Retrying notice may be tried again
    ADD COLUMN retry_until     timestamptz,  -- past it a transient failure makes the notice Failed (re-opening resets it)
    ADD COLUMN payload_type    text,         -- the bus message the notice came in, to rebuild it without the broker
    ADD COLUMN payload         jsonb;


-- The pump's query: due Retrying rows, and Sending rows it claimed whose worker died (lease passed).
CREATE INDEX notice_log_retry_due ON notice_log (emitted_at) WHERE payload IS NOT NULL AND status IN ('Retrying', 'Sending');
