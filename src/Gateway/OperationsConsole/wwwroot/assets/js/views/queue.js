// A collector's work queue: open tasks on accounts still overdue, by follow-up deadline, late ones first.
import { get } from '../api.js';
import { h, replace, table } from '../dom.js';
import { t, term, number, date, money } from '../i18n.js';
import { page, accountLink, badge, loading } from './common.js';

export default async function workQueue({ container, session, query, navigate }) {
  const collector = query.get('collector') ?? session.collectorId ?? '';
  const input = h('input', { id: 'collector-id', name: 'collector', value: collector, placeholder: t('queue.collectorHint'), 'aria-label': t('queue.collector'), maxlength: 100 });
  const form = h('form', { class: 'search', onsubmit: (event) => {
    event.preventDefault();
    navigate('/queue', { collector: input.value.trim() });
  } }, input, h('button', { type: 'submit' }, t('queue.show')));
  const results = h('div', { id: 'queue' });
  replace(container, page('queue', t('queue.title'), form, results));
  if (!collector) {
    replace(results, h('p', { class: 'empty' }, t('queue.chooseCollector')));
    return;
  }

  replace(results, loading());
  const tasks = await get(`reports/collectors/${encodeURIComponent(collector)}/queue`);
  const late = tasks.filter((task) => task.late).length;
  replace(results,
    h('p', { class: 'count' }, t('queue.summary', { count: number(tasks.length), late: number(late) })),
    table(
      [t('queue.deadline'), t('account.id'), t('account.customer'), t('account.stage'), t('account.invoices'), t('account.overdue'), t('account.daysPastDue')],
      tasks.map((task) => [
        task.followUpBy ? h('span', { class: task.late ? 'late' : '' }, date(task.followUpBy), ' ', task.late ? badge('queue', 'late', 'danger') : null) : t('queue.noDeadline'),
        accountLink(task.accountId), task.customerName, term('stage', task.stage), task.invoiceIds.join(', '),
        h('span', { class: 'amounts' }, (task.amountOverdue ?? []).map((amount) => h('span', {}, money(amount.amount, amount.currency)))),
        number(task.maxDaysPastDue),
      ]),
      { empty: t('queue.empty') }));
}
