// Portfolio overview: aging buckets, overdue by segment and currency, notices per hour by outcome, top overdue accounts.
import { get } from '../api.js';
import { barChart } from '../charts.js';
import { h, replace, table } from '../dom.js';
import { t, term, money, number, hour } from '../i18n.js';
import { page, accountLink, card, loading } from './common.js';

const buckets = [
  ['current', 'current'], ['1-30', 'days1To30'], ['31-60', 'days31To60'], ['61-90', 'days61To90'], ['90+', 'over90'],
];
const overdueBuckets = buckets.slice(1);
const outcomes = ['Sent', 'Suppressed', 'Failed', 'Rejected'];

export default async function overview({ container }) {
  replace(container, page('overview', t('overview.title'), loading()));
  const [byCurrency, bySegment, perHour, top] = await Promise.all([
    get('reports/aging', { groupBy: 'currency' }),
    get('reports/aging', { groupBy: 'segment' }),
    get('reports/notices-per-hour', { hours: 24 }),
    get('reports/overdue', { sort: 'amount', pageSize: 10 }),
  ]);

  const charts = [
    agingChart(byCurrency),
    overdueBySegmentChart(bySegment),
    noticesChart(perHour),
  ];
  replace(container, page('overview', t('overview.title'),
    h('div', { class: 'cards' }, totals(byCurrency), card(t('overview.overdueAccounts'), number(top.total)), inFlight(perHour)),
    h('div', { class: 'charts' }, charts.map((chart) => chart.element)),
    h('h2', {}, t('overview.topOverdue')),
    topOverdue(top.items)));
  return () => charts.forEach((chart) => chart.chart.destroy());
}

function totals(rows) {
  const overdue = rows.map((row) => ({ currency: row.currency, amount: overdueBuckets.reduce((sum, [, field]) => sum + row[field], 0) }))
    .filter((row) => row.amount > 0);
  return card(t('overview.totalOverdue'), overdue.length === 0 ? money(0, 'EUR') : h('span', { class: 'amounts' }, overdue.map((row) => h('span', {}, money(row.amount, row.currency)))));
}

function inFlight(perHour) {
  const count = Object.values(perHour.inFlight).reduce((sum, value) => sum + value, 0);
  return card(t('overview.noticesInFlight'), number(count), t('overview.noticesInFlightHint'));
}

/** One group of bars per bucket, one bar per currency. */
function agingChart(rows) {
  return barChart('aging-chart', t('overview.agingChart'), buckets.map(([key]) => term('bucket', key)),
    rows.map((row) => ({ key: row.currency, label: row.currency, data: buckets.map(([, field]) => row[field]) })));
}

/** Overdue (every bucket past due) per segment, one bar per currency. */
function overdueBySegmentChart(rows) {
  const segments = [...new Set(rows.map((row) => row.group))];
  const currencies = [...new Set(rows.map((row) => row.currency))];
  return barChart('overdue-by-segment-chart', t('overview.overdueBySegmentChart'), segments.map((segment) => term('segment', segment)),
    currencies.map((currency) => ({
      key: currency,
      label: currency,
      data: segments.map((segment) => {
        const row = rows.find((candidate) => candidate.group === segment && candidate.currency === currency);
        return row ? overdueBuckets.reduce((sum, [, field]) => sum + row[field], 0) : 0;
      }),
    })));
}

/** The last 24 hours, stacked by outcome. */
function noticesChart(perHour) {
  const hours = [];
  for (let at = new Date(perHour.from).getTime(); at < new Date(perHour.to).getTime(); at += 3600_000) hours.push(at);
  const count = (at, status) => perHour.hours.filter((row) => new Date(row.hour).getTime() === at && row.status === status).reduce((sum, row) => sum + row.notices, 0);
  return barChart('notices-per-hour-chart', t('overview.noticesChart'), hours.map((at) => hour(at)),
    outcomes.map((status) => ({ key: status, label: term('status', status), data: hours.map((at) => count(at, status)) })),
    { stacked: true, counts: true });
}

function topOverdue(items) {
  return table(
    [t('account.id'), t('account.customer'), t('account.segment'), t('account.collector'), t('account.stage'), t('account.daysPastDue'), t('account.overdue')],
    items.map((item) => [
      accountLink(item.accountId), item.customerName, term('segment', item.segment), item.collectorId ?? '–', term('stage', item.stage),
      number(item.maxDaysPastDue), money(item.overdue, item.currency),
    ]),
    { empty: t('overview.noOverdue') });
}
