// Pieces several views share.
import { h } from '../dom.js';
import { t, term, money } from '../i18n.js';

export function page(name, title, ...content) {
  document.title = `${title} · ${t('shell.brand')}`;
  return h('section', { class: 'page', dataset: { page: name } }, h('h1', {}, title), content);
}

export function accountLink(accountId, text = accountId) {
  return h('a', { href: `#/accounts/${encodeURIComponent(accountId)}`, class: 'account-link' }, text);
}

export function badge(group, value, tone = value) {
  return h('span', { class: `badge ${String(tone).toLowerCase()}` }, term(group, value));
}

/** Amounts in several currencies, one per line: a report never adds euros to dollars. */
export function amounts(list) {
  return list.length === 0 ? '–' : h('span', { class: 'amounts' }, list.map((item) => h('span', {}, money(item.amount, item.currency))));
}

export function card(label, value, hint) {
  return h('div', { class: 'card' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), hint ? h('div', { class: 'hint' }, hint) : null);
}

/** A short message under a form: what went wrong (naming the field the API named) or that it worked. */
export function outcome(element, kind, text) {
  element.className = `outcome ${kind}`;
  element.textContent = text;
  element.setAttribute('role', kind === 'error' ? 'alert' : 'status');
}

export function loading() {
  return h('p', { class: 'loading' }, t('common.loading'));
}
