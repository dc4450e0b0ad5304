// Chart.js (window.Chart, from lib/chart.umd.min.js) with the console's colours and Intl-formatted ticks.
import { h } from './dom.js';
import { number } from './i18n.js';

const palette = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

/** Colours that mean something: a status or bucket keeps its colour in every chart. */
const meaning = {
  current: '#16a34a', '1-30': '#facc15', '31-60': '#f59e0b', '61-90': '#ea580c', '90+': '#dc2626',
  Sent: '#16a34a', Suppressed: '#94a3b8', Failed: '#dc2626', Rejected: '#7c2d12', Sending: '#2563eb', Retrying: '#f59e0b',
};

export function colour(key, index) {
  return meaning[key] ?? palette[index % palette.length];
}

/**
 * A chart in a figure with a caption. Returns { element, chart }; destroy the chart when the view goes.
 * datasets: [{ key, label, data }]; options: { stacked, horizontal, format, counts (whole numbers only on the axis) }.
 */
export function barChart(id, caption, labels, datasets, { stacked = false, horizontal = false, counts = false, format = (value) => number(value) } = {}) {
  const canvas = h('canvas', { id, role: 'img', 'aria-label': caption });
  const element = h('figure', { class: 'chart', dataset: { chart: id } }, h('figcaption', {}, caption), h('div', { class: 'canvas' }, canvas));
  const valueAxis = { stacked, beginAtZero: true, ticks: { precision: counts ? 0 : undefined, callback: (value) => format(value) } };
  const chart = new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: datasets.map((dataset, index) => ({
        label: dataset.label,
        data: dataset.data,
        backgroundColor: colour(dataset.key, index),
        borderRadius: 3,
        maxBarThickness: 48,
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: horizontal ? { x: valueAxis, y: { stacked } } : { x: { stacked }, y: valueAxis },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${format(item.parsed[horizontal ? 'x' : 'y'])}` } },
      },
    },
  });
  element.dataset.points = String(datasets.reduce((sum, dataset) => sum + dataset.data.filter((value) => value).length, 0));
  return { element, chart };
}
