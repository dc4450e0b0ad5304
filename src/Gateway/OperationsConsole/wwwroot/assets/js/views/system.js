// The running system, refreshed every five seconds: silos and activations, outboxes, queues, notifier throughput.
import { get } from '../api.js';
import { barChart } from '../charts.js';
import { h, replace, table } from '../dom.js';
import { t, term, number, bytes, dateTime, relative } from '../i18n.js';
import { page, badge, card, loading } from './common.js';

const refreshEvery = 5000;

export default async function system({ container, session }) {
  replace(container, page('system', t('system.title'), loading()));
  let chart = null;
  let timer = null;
  let stopped = false;

  const refresh = async () => {
    const [cluster, queues, notifier, keys] = await Promise.all([
      get('system/silos'),
      get('system/queues'),
      get('system/notifier'),
      session.can('admin') ? get('admin/api-keys') : Promise.resolve(null),
    ]);
    if (stopped) return;
    chart?.chart.destroy();
    chart = queues.queues.length > 0 ? queueChart(queues.queues) : null;
    replace(container, page('system', t('system.title'),
      h('div', { class: 'cards' },
        card(t('system.activeSilos'), number(cluster.activeSilos)),
        card(t('system.activations'), number(cluster.activations)),
        card(t('system.outboxDepth'), number(cluster.outboxDepth), t('system.outboxHint')),
        card(t('system.sentLastMinute'), number(notifier.sentLastMinute), t('system.perSecond', { rate: number(notifier.sentPerSecond, 2) }))),
      h('h2', {}, t('system.silos')),
      silos(cluster.silos),
      h('h2', {}, t('system.queues')),
      queuesSection(queues, chart),
      keys ? [h('h2', {}, t('system.apiKeys')), apiKeys(keys)] : null,
      h('p', { class: 'hint' }, t('system.refreshed', { time: dateTime(new Date().toISOString()) }))));
  };

  const loop = async () => {
    try {
      await refresh();
    } finally {
      if (!stopped) timer = setTimeout(loop, refreshEvery);
    }
  };
  await loop();
  return () => {
    stopped = true;
    clearTimeout(timer);
    chart?.chart.destroy();
  };
}

function silos(list) {
  return table(
    [t('system.silo'), t('system.address'), t('account.status'), t('system.started'), t('system.activations'), t('system.cpu'), t('system.memory'), t('system.outboxDepth'), t('system.reported')],
    list.map((silo) => [
      silo.name, silo.address, badge('siloStatus', silo.status, silo.status === 'Active' ? 'ok' : 'warning'), relative(silo.startedAt),
      number(silo.activations), silo.cpuPercent === null ? '–' : `${number(silo.cpuPercent, 1)} %`, bytes(silo.memoryBytes),
      number(silo.outboxDepth), silo.reportedAt ? h('span', { class: silo.stale ? 'late' : '' }, relative(silo.reportedAt)) : t('system.neverReported'),
    ]),
    { empty: t('system.noSilos') });
}

function queuesSection(queues, chart) {
  if (!queues.configured) return h('p', { class: 'empty' }, t('system.queuesNotConfigured'));
  if (queues.problem) return h('p', { class: 'error', role: 'alert' }, t('system.queuesUnavailable', { problem: queues.problem }));
  return [
    chart?.element,
    table(
      [t('system.queue'), t('system.ready'), t('system.unacknowledged'), t('system.consumers'), t('system.publishRate'), t('system.deliverRate'), t('system.ackRate')],
      queues.queues.map((queue) => [
        queue.name, number(queue.ready), number(queue.unacknowledged), number(queue.consumers),
        number(queue.publishRate, 1), number(queue.deliverRate, 1), number(queue.ackRate, 1),
      ]),
      { empty: t('system.noQueues') }),
  ];
}

function queueChart(queues) {
  return barChart('queue-depth-chart', t('system.queueDepthChart'), queues.map((queue) => queue.name), [
    { key: 'ready', label: t('system.ready'), data: queues.map((queue) => queue.ready) },
    { key: 'unacked', label: t('system.unacknowledged'), data: queues.map((queue) => queue.unacknowledged) },
  ], { stacked: true, horizontal: true, counts: true });
}

/** Never a key: the API lists ids, prefixes and scopes only. */
function apiKeys(keys) {
  return table(
    [t('system.keyName'), t('system.keyPrefix'), t('system.keyScopes'), t('system.keyLastUsed'), t('account.status')],
    keys.map((key) => [key.name, `${key.prefix}…`, key.scopes.join(', '), key.lastUsedAt ? relative(key.lastUsedAt) : '–',
      key.revokedAt ? badge('key', 'revoked', 'danger') : badge('key', 'active', 'ok')]),
    { empty: t('system.noKeys') });
}
