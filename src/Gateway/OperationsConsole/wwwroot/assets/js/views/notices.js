// The notice log: what the notifiers did with each notice, filtered, newest first, recipients masked.
import { get, write, ApiError } from '../api.js';
import { h, replace, table } from '../dom.js';
import { t, term, number, dateTime } from '../i18n.js';
import { page, accountLink, badge, loading } from './common.js';

const statuses = ['Sent', 'Suppressed', 'Failed', 'Rejected', 'Sending', 'Retrying'];
const channels = ['email', 'sms', 'letter', 'webhook'];
const kinds = ['dunning', 'statement', 'collector-task', 'legal-escalation'];
const pageSize = 50;

export default async function noticeLog({ container, session, query, navigate }) {
  const filter = Object.fromEntries(['accountId', 'status', 'channel', 'kind', 'stage', 'from', 'to'].map((name) => [name, query.get(name) ?? '']));
  const current = Number(query.get('page') ?? '1') || 1;
  const select = (name, values, group) => h('select', { name, id: `filter-${name}` },
    h('option', { value: '' }, t('notices.any')),
    values.map((value) => h('option', { value, selected: filter[name] === value }, term(group, value))));
  const form = h('form', { class: 'filters', onsubmit: (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    navigate('/notices', { ...values, page: 1 });
  } },
    field(t('account.id'), h('input', { name: 'accountId', id: 'filter-accountId', value: filter.accountId, maxlength: 100 })),
    field(t('account.status'), select('status', statuses, 'status')),
    field(t('notices.channel'), select('channel', channels, 'channel')),
    field(t('notices.kind'), select('kind', kinds, 'noticeKind')),
    field(t('account.stage'), h('input', { name: 'stage', id: 'filter-stage', value: filter.stage, maxlength: 100 })),
    field(t('notices.from'), h('input', { type: 'date', name: 'from', id: 'filter-from', value: filter.from })),
    field(t('notices.to'), h('input', { type: 'date', name: 'to', id: 'filter-to', value: filter.to })),
    h('button', { type: 'submit' }, t('notices.apply')));
  const results = h('div', { id: 'notice-log' }, loading());
  replace(container, page('notices', t('notices.title'), form, results));

  // Dates are whole days in the browser's time zone: "to" includes its day.
  const from = filter.from ? new Date(`${filter.from}T00:00:00`).toISOString() : undefined;
  const to = filter.to ? new Date(new Date(`${filter.to}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined;
  const log = await get('notices', { ...filter, from, to, page: current, pageSize });
  const pages = Math.max(1, Math.ceil(log.total / pageSize));
  const go = (target) => navigate('/notices', { ...filter, page: target });
  replace(results,
    h('p', { class: 'count' }, t('notices.count', { count: number(log.total) })),
    table(
      [t('notices.emitted'), t('account.id'), t('notices.kind'), t('account.stage'), t('notices.channel'), t('notices.recipient'), t('account.status'), t('notices.attempts'), t('notices.completed'), t('account.detail'), ''],
      log.items.map((notice) => [
        dateTime(notice.emittedAt), accountLink(notice.accountId), term('noticeKind', notice.kind), term('stage', notice.stage), term('channel', notice.channel),
        notice.recipient, badge('status', notice.status), number(notice.attempts), dateTime(notice.completedAt), notice.detail ?? '',
        notice.status === 'Failed' && session.can('collections:write') ? reopenButton(notice, () => navigate('/notices', { ...filter, page: current })) : '',
      ]),
      { empty: t('notices.none') }),
    h('nav', { class: 'pager', 'aria-label': t('notices.pages') },
      h('button', { type: 'button', disabled: current <= 1, onclick: () => go(current - 1) }, t('notices.previous')),
      h('span', {}, t('notices.page', { page: number(current), pages: number(pages) })),
      h('button', { type: 'button', disabled: current >= pages, onclick: () => go(current + 1) }, t('notices.next'))));
}

// A Failed notice is retried from the message stored with it; the Gateway refuses one that was malformed.
function reopenButton(notice, reload) {
  const button = h('button', { type: 'button', class: 'reopen', dataset: { noticeId: notice.noticeId }, onclick: async () => {
    button.disabled = true;
    try {
      await write('POST', `notices/${encodeURIComponent(notice.noticeId)}/reopen`);
      reload();
    } catch (error) {
      button.replaceWith(h('span', { class: 'outcome error', role: 'alert' }, error instanceof ApiError ? error.message : String(error)));
    }
  } }, t('notices.reopen'));
  return button;
}

function field(text, input) {
  return h('label', {}, h('span', {}, text), input);
}
