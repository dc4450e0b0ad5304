// Account search: by the start of an account id or of a customer's name, from the account summary.
import { get } from '../api.js';
import { h, replace, table } from '../dom.js';
import { t, term, number } from '../i18n.js';
import { page, accountLink, amounts, badge, loading } from './common.js';

export default async function accountSearch({ container, query, navigate }) {
  const q = query.get('q') ?? '';
  const input = h('input', { type: 'search', id: 'account-search', name: 'q', value: q, placeholder: t('accounts.searchHint'), 'aria-label': t('accounts.search'), autofocus: true, maxlength: 100 });
  const form = h('form', { class: 'search', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    navigate('/accounts', { q: input.value.trim() });
  } }, input, h('button', { type: 'submit' }, t('accounts.search')));
  const results = h('div', { id: 'search-results' });
  replace(container, page('accounts', t('accounts.title'), form, results));
  if (!q) {
    replace(results, h('p', { class: 'empty' }, t('accounts.typeToSearch')));
    return;
  }

  replace(results, loading());
  const found = await get('accounts', { q, pageSize: 50 });
  replace(results,
    h('p', { class: 'count' }, t('accounts.found', { count: number(found.total) })),
    table(
      [t('account.id'), t('account.customer'), t('account.segment'), t('account.collector'), t('account.stage'), t('account.daysPastDue'), t('account.balance'), t('account.dunning')],
      found.items.map((account) => [
        accountLink(account.accountId), account.customerName, term('segment', account.segment), account.collectorId ?? '–',
        term('stage', account.stage), number(account.maxDaysPastDue), amounts(account.balances),
        account.dunningPaused ? badge('dunning', 'paused', 'warning') : badge('dunning', 'active', 'ok'),
      ]),
      { empty: t('accounts.none') }));
}
