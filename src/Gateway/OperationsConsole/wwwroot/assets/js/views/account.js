// One account: who, what is owed and where each invoice stands in dunning, arrangements, history, and the
// actions the signed-in role allows, each sent through the same /api/v1 endpoint a billing system would use.
import { get, write, newRequestId, ApiError } from '../api.js';
import { h, replace, table } from '../dom.js';
import { t, term, money, number, date, dateTime, relative, today } from '../i18n.js';
import { page, badge, amounts, outcome, loading } from './common.js';

// A message that survives the re-render after an action, so the user sees that it worked.
let flash = null;

export default async function accountDetail({ container, session, params, navigate }) {
  const [accountId] = params;
  replace(container, page('account', accountId, loading()));
  let account;
  let history;
  try {
    [account, history] = await Promise.all([get(`accounts/${encodeURIComponent(accountId)}`), get(`accounts/${encodeURIComponent(accountId)}/history`)]);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      replace(container, page('account', accountId, h('p', { class: 'empty' }, t('account.unknown'))));
      return;
    }
    throw error;
  }

  const reload = (message) => {
    flash = message;
    navigate(`/accounts/${encodeURIComponent(accountId)}`);
  };
  const profile = account.profile;
  const shown = flash;
  flash = null;
  replace(container, page('account', `${profile.name}`,
    shown ? h('div', { class: 'outcome success', role: 'status', id: 'flash' }, shown) : null,
    h('div', { class: 'account-layout' },
      h('div', { class: 'account-main' },
        summary(account),
        h('h2', {}, t('account.invoices')), invoices(account.invoices),
        h('h2', {}, t('account.arrangements')), arrangements(account),
        h('h2', {}, t('account.history')), timeline(history)),
      h('aside', { class: 'account-actions', 'aria-label': t('account.actions') },
        h('h2', {}, t('account.actions')),
        dunningPanel(account, session, reload),
        notePanel(accountId, session, reload),
        promisePanel(account, session, reload),
        writeOffPanel(account, session, reload)))));
}

function summary(account) {
  const profile = account.profile;
  const flags = profile.flags ?? {};
  const paused = account.pause || flags.dunningPaused;
  return h('div', { class: 'summary' },
    h('div', { class: 'identity' },
      h('span', { class: 'account-id' }, account.accountId),
      badge('segment', profile.segment, 'neutral'),
      h('span', { id: 'dunning-state', dataset: { paused: paused ? 'true' : 'false' } },
        paused ? badge('dunning', 'paused', 'warning') : badge('dunning', 'active', 'ok')),
      flags.doNotContact ? badge('flag', 'doNotContact', 'warning') : null,
      flags.autoPay ? badge('flag', 'autoPay', 'neutral') : null),
    h('dl', { class: 'facts' },
      fact(t('account.balance'), amounts(account.balances)),
      fact(t('account.collector'), profile.collectorId ?? '–'),
      fact(t('account.creditScore'), number(account.creditScore)),
      fact(t('account.policy'), account.policyKey),
      fact(t('account.nextAction'), account.nextActionAt ? `${dateTime(account.nextActionAt)} (${relative(account.nextActionAt)})` : '–'),
      fact(t('account.localeZone'), `${profile.locale} · ${profile.timeZone}`),
      fact(t('account.contacts'), profile.contacts.length === 0 ? '–' : h('span', { class: 'amounts' }, profile.contacts.map((contact) => h('span', {}, `${term('contactKind', contact.kind)}: ${contact.address}`))))),
    account.pause
      ? h('p', { class: 'pause-note', id: 'pause-note' }, t('account.pausedBy', { by: account.pause.by, since: dateTime(account.pause.since), reason: account.pause.reason }))
      : null,
    flags.dunningPaused ? h('p', { class: 'pause-note' }, t('account.pausedByBilling')) : null,
    aging(account.aging));
}

function fact(label, value) {
  return [h('dt', {}, label), h('dd', {}, value)];
}

function aging(rows) {
  return table(
    [t('account.currency'), term('bucket', 'current'), term('bucket', '1-30'), term('bucket', '31-60'), term('bucket', '61-90'), term('bucket', '90+')],
    rows.map((row) => [row.currency, ...['current', 'days1To30', 'days31To60', 'days61To90', 'over90'].map((field) => money(row[field], row.currency))]),
    { empty: t('account.nothingOwed'), className: 'data compact' });
}

/** One row per dunnable item: an invoice, or each instalment of it. */
function invoices(list) {
  const rows = list.flatMap((invoice) => invoice.items.map((item) => [
    invoice.items.length > 1 ? `${invoice.id} · ${item.id.split('/').pop()}` : invoice.id,
    date(item.dueDate),
    money(item.amount.amount, item.amount.currency),
    money(item.outstanding.amount, item.outstanding.currency),
    number(item.daysPastDue),
    badge('invoiceStatus', invoice.status),
    term('stage', item.currentStage),
    item.nextStage ? `${term('stage', item.nextStage)} · ${dateTime(item.nextActionAt)}` : (item.pausedBecause ? term('pausedBecause', item.pausedBecause) : '–'),
  ]));
  return table(
    [t('account.invoice'), t('account.dueDate'), t('account.amount'), t('account.outstanding'), t('account.daysPastDue'), t('account.status'), t('account.stage'), t('account.nextStep')],
    rows, { empty: t('account.noInvoices') });
}

function arrangements(account) {
  const disputes = account.disputes.map((dispute) => [t('account.dispute'), dispute.id, dispute.invoiceId, date(dispute.openedOn), badge('disputeStatus', dispute.status), dispute.reason]);
  const promises = account.promises.map((promise) => [t('account.promise'), promise.id, promise.invoiceIds.join(', '), date(promise.date), badge('promiseStatus', promise.status), money(promise.amount.amount, promise.amount.currency)]);
  return table([t('account.kind'), t('account.reference'), t('account.invoices'), t('account.date'), t('account.status'), t('account.detail')],
    [...promises, ...disputes], { empty: t('account.noArrangements'), className: 'data compact' });
}

/** Notes, contacts, notices, escalations and pauses, newest first. */
function timeline(history) {
  const entries = [
    ...history.notes.map((note) => ({ at: note.at, kind: 'note', text: note.text, by: note.author })),
    ...history.contacts.map((contact) => ({ at: contact.at, kind: 'contact', text: `${term('channel', contact.channel)} · ${term('outcome', contact.outcome)}${contact.detail ? ` · ${contact.detail}` : ''}` })),
    ...history.notices.map((notice) => ({ at: notice.at, kind: 'notice', text: `${term('stage', notice.stage)} · ${term('channel', notice.channel)}` })),
    ...history.escalations.map((escalation) => ({ at: escalation.at, kind: 'escalation', text: `${term('escalation', escalation.kind)} · ${term('stage', escalation.stage)}${escalation.followUpBy ? ` · ${t('account.followUpBy', { date: date(escalation.followUpBy) })}` : ''}` })),
    ...history.pauses.map((change) => ({ at: change.at, kind: change.paused ? 'paused' : 'resumed', text: change.reason ?? '', by: change.by })),
  ].sort((a, b) => new Date(b.at) - new Date(a.at));
  if (entries.length === 0) return h('p', { class: 'empty', id: 'history' }, t('account.noHistory'));
  return h('ol', { class: 'timeline', id: 'history' }, entries.map((entry) =>
    h('li', { class: `entry ${entry.kind}`, dataset: { kind: entry.kind } },
      h('time', { datetime: entry.at }, dateTime(entry.at)),
      badge('history', entry.kind, entry.kind),
      entry.by ? h('span', { class: 'by' }, entry.by) : null,
      h('span', { class: 'text' }, entry.text))));
}

/**
 * A form whose request id stays the same until the API accepts it: a retry after a timeout is the same action, applied once.
 * send returns false when the user backed out.
 */
function actionForm({ id, title, fields, submit, allowed, deniedHint, send }) {
  const message = h('p', { class: 'outcome', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', id: `${id}-submit`, disabled: !allowed }, submit);
  let requestId = newRequestId(id);
  const form = h('form', { class: 'action', id, onsubmit: async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      if ((await send(requestId, new FormData(form))) === false) {
        button.disabled = false;
        return;
      }
      requestId = newRequestId(id);
    } catch (error) {
      outcome(message, 'error', describe(error));
      button.disabled = false;
    }
  } }, h('h3', {}, title), fields, button, allowed ? null : h('p', { class: 'hint denied' }, deniedHint), message);
  if (!allowed) form.querySelectorAll('input, textarea, select').forEach((input) => { input.disabled = true; });
  return form;
}

/** The API's answer in words: the field it names and what it says about it. */
function describe(error) {
  if (!(error instanceof ApiError)) return t('error.unexpected');
  if (error.status === 403) return t('error.forbidden');
  const fields = Object.entries(error.errors);
  return fields.length > 0 ? fields.map(([field, problems]) => `${field}: ${problems.join(', ')}`).join('; ') : error.message;
}

function dunningPanel(account, session, reload) {
  const allowed = session.can('collections:write');
  const path = `accounts/${encodeURIComponent(account.accountId)}/dunning`;
  if (account.pause) {
    return actionForm({
      id: 'resume-dunning', title: t('action.resumeTitle'), submit: t('action.resume'), allowed, deniedHint: t('action.needsCollector'),
      fields: [label(t('action.reasonOptional'), h('input', { name: 'reason', id: 'resume-reason', maxlength: 500 }))],
      send: async (requestId, form) => {
        await write('PUT', path, { requestId, paused: false, reason: form.get('reason') || null });
        reload(t('action.resumed'));
      },
    });
  }
  return actionForm({
    id: 'pause-dunning', title: t('action.pauseTitle'), submit: t('action.pause'), allowed, deniedHint: t('action.needsCollector'),
    fields: [label(t('action.reason'), h('input', { name: 'reason', id: 'pause-reason', maxlength: 500, required: true }))],
    send: async (requestId, form) => {
      await write('PUT', path, { requestId, paused: true, reason: form.get('reason') });
      reload(t('action.paused'));
    },
  });
}

function notePanel(accountId, session, reload) {
  return actionForm({
    id: 'add-note', title: t('action.noteTitle'), submit: t('action.addNote'), allowed: session.can('collections:write'), deniedHint: t('action.needsCollector'),
    fields: [label(t('action.note'), h('textarea', { name: 'text', id: 'note-text', rows: 3, maxlength: 4000, required: true }))],
    send: async (noteId, form) => {
      await write('POST', `accounts/${encodeURIComponent(accountId)}/notes`, { noteId, author: session.name, text: form.get('text') });
      reload(t('action.noteAdded'));
    },
  });
}

function promisePanel(account, session, reload) {
  const open = account.invoices.filter((invoice) => invoice.outstanding.amount > 0 && invoice.status !== 'disputed');
  const currencies = [...new Set(open.map((invoice) => invoice.outstanding.currency))];
  return actionForm({
    id: 'record-promise', title: t('action.promiseTitle'), submit: t('action.recordPromise'), allowed: session.can('collections:write') && open.length > 0,
    deniedHint: open.length === 0 ? t('action.nothingOpen') : t('action.needsCollector'),
    fields: [
      label(t('action.promiseDate'), h('input', { type: 'date', name: 'date', id: 'promise-date', min: today(), required: true })),
      h('div', { class: 'row' },
        label(t('account.amount'), h('input', { type: 'number', name: 'amount', id: 'promise-amount', min: '0.01', step: '0.01', required: true })),
        label(t('account.currency'), h('select', { name: 'currency', id: 'promise-currency' }, currencies.map((currency) => h('option', { value: currency }, currency))))),
      h('fieldset', {}, h('legend', {}, t('account.invoices')),
        open.map((invoice) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'invoiceIds', value: invoice.id, checked: open.length === 1 }),
          `${invoice.id} · ${money(invoice.outstanding.amount, invoice.outstanding.currency)}`))),
    ],
    send: async (promiseId, form) => {
      await write('POST', `accounts/${encodeURIComponent(account.accountId)}/promises`, {
        promiseId, date: form.get('date'), amount: Number(form.get('amount')), currency: form.get('currency'), invoiceIds: form.getAll('invoiceIds'),
      });
      reload(t('action.promiseRecorded'));
    },
  });
}

function writeOffPanel(account, session, reload) {
  const open = account.invoices.filter((invoice) => invoice.outstanding.amount > 0);
  const allowed = session.can('collections:write-off') && open.length > 0;
  return actionForm({
    id: 'write-off', title: t('action.writeOffTitle'), submit: t('action.writeOff'), allowed,
    deniedHint: session.can('collections:write-off') ? t('action.nothingOpen') : t('action.needsAdmin'),
    fields: [
      label(t('account.invoice'), h('select', { name: 'invoiceId', id: 'write-off-invoice' },
        open.map((invoice) => h('option', { value: invoice.id }, `${invoice.id} · ${money(invoice.outstanding.amount, invoice.outstanding.currency)}`)))),
      label(t('action.reason'), h('input', { name: 'reason', id: 'write-off-reason', maxlength: 500, required: true })),
    ],
    send: async (writeOffId, form) => {
      if (!window.confirm(t('action.writeOffConfirm', { invoice: form.get('invoiceId') }))) return false;
      await write('POST', `accounts/${encodeURIComponent(account.accountId)}/write-offs`, {
        writeOffId, invoiceId: form.get('invoiceId'), date: today(), reason: form.get('reason'),
      });
      reload(t('action.writtenOff'));
    },
  });
}

function label(text, input) {
  return h('label', {}, h('span', {}, text), input);
}
