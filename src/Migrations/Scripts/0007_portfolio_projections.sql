-- Read models the Gateway's reports are SQL over, so no report ever calls millions of grains.
-- Each is fed by a bus consumer and is idempotent: replaying an event never changes the answer.

-- One row per account, from AccountChanged. version only grows: an older event never overwrites a newer row.
CREATE TABLE account_summary (
    account_id        text        NOT NULL PRIMARY KEY,
    version           bigint      NOT NULL,
    customer_name     text        NOT NULL,
    segment           text        NOT NULL,
    collector_id      text,
    stage             text,
    max_days_past_due integer     NOT NULL,
    next_action_at    timestamptz,
    credit_score      integer     NOT NULL,
    dunning_paused    boolean     NOT NULL,
    changed_at        timestamptz NOT NULL
);
CREATE INDEX account_summary_overdue ON account_summary (max_days_past_due DESC) WHERE max_days_past_due > 0;
CREATE INDEX account_summary_by_collector ON account_summary (collector_id) WHERE collector_id IS NOT NULL;

-- What the account owes per currency, split into aging buckets, replaced whole with each newer version.
CREATE TABLE account_balance (
    account_id  text    NOT NULL REFERENCES account_summary (account_id) ON DELETE CASCADE,
    currency    text    NOT NULL,
    balance     numeric NOT NULL,
    current     numeric NOT NULL,
    days_1_30   numeric NOT NULL,
    days_31_60  numeric NOT NULL,
    days_61_90  numeric NOT NULL,
    days_90_up  numeric NOT NULL,
    PRIMARY KEY (account_id, currency)
);

-- Collector tasks with their follow-up deadlines, from CollectorTaskCreated.
CREATE TABLE collector_task (
    task_id       text        NOT NULL PRIMARY KEY,
    account_id    text        NOT NULL,
    collector_id  text,
    stage         text        NOT NULL,
    invoice_ids   text[]      NOT NULL,
    amount_overdue jsonb      NOT NULL,
    follow_up_by  date,
    notify_only   boolean     NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX collector_task_queue ON collector_task (collector_id, follow_up_by);

-- Invoices accepted by the accounts (credit sales), for DSO. Recorded after the account accepted or
-- recognised the invoice, so a client's retry after a lost answer fills a gap rather than doubling a sale.
CREATE TABLE invoice_sale (
    invoice_id  text    NOT NULL,
    account_id  text    NOT NULL,
    currency    text    NOT NULL,
    amount      numeric NOT NULL,
    issue_date  date    NOT NULL,
    PRIMARY KEY (account_id, invoice_id)
);
CREATE INDEX invoice_sale_by_date ON invoice_sale (issue_date);

-- The first answer to each batch request, so a replayed Idempotency-Key gets the same answer.
CREATE TABLE idempotent_request (
    client_id     text        NOT NULL,
    idempotency_key text      NOT NULL,
    request_hash  bytea       NOT NULL,
    status_code   integer     NOT NULL,
    response      json        NOT NULL, -- json, not jsonb: a replay gets the very same bytes
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, idempotency_key)
);
