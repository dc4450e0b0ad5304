-- ArScale migration 0013: the account's own version next to its state, for the Notifier's validity check.
--
-- "version" is the row's ETag and moves with every write, bookkeeping included (an outbox trimmed after the broker
-- confirmed, a reminder time). "account_version" is the account's version (AccountGrainState.Version): it moves only
-- when the account itself changes, which is when a notice it decided may have been voided. A NoticeDue carries the
-- version that decided it; the Notifier's claim reads this column in the same statement, and calls the account grain
-- only when the two differ. NULL for rows written before this migration: those are always asked.
ALTER TABLE account_state ADD COLUMN account_version bigint NULL;

COMMENT ON COLUMN account_state.account_version IS
    'AccountGrainState.Version of the stored state: moves with the account, not with bookkeeping writes. NULL = unknown.';
