// Words from the dictionaries (en, zh-CN); numbers, money and dates through Intl in the chosen language.
import en from './i18n/en.js';
import zhCN from './i18n/zh-CN.js';

const dictionaries = { en, 'zh-CN': zhCN };
export const languages = [
  { code: 'en', name: 'English' },
  { code: 'zh-CN', name: '简体中文' },
];
const storageKey = 'arscale.console.language';
let current = pick();
const listeners = new Set();

function pick() {
  const stored = localStorage.getItem(storageKey);
  if (stored && dictionaries[stored]) return stored;
  return (navigator.languages ?? [navigator.language]).some((l) => l?.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

export function language() {
  return current;
}

export function setLanguage(code) {
  if (!dictionaries[code] || code === current) return;
  current = code;
  localStorage.setItem(storageKey, code);
  document.documentElement.lang = code;
  listeners.forEach((listener) => listener(code));
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

/** t('overview.title'), t('queue.daysLate', { days: 3 }); an unknown key shows as itself (and in English when only English has it). */
export function t(key, values = {}) {
  const text = dictionaries[current][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (values[name] ?? `{${name}}`));
}

/** A word from a closed list the API speaks (a status, a segment, a channel), or the word itself when the dictionary lacks it. */
export function term(group, value) {
  if (value === null || value === undefined || value === '') return '–';
  const key = `${group}.${value}`;
  return dictionaries[current][key] ?? en[key] ?? String(value);
}

export function money(amount, currency) {
  if (amount === null || amount === undefined) return '–';
  try {
    return new Intl.NumberFormat(current, { style: 'currency', currency }).format(amount);
  } catch {
    return `${number(amount)} ${currency}`;
  }
}

export function number(value, digits = undefined) {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(current, digits === undefined ? {} : { maximumFractionDigits: digits }).format(value);
}

export function bytes(value) {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(current, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 0 }).format(value / 1048576);
}

/** A calendar date from the API ("2026-12-01"), shown without moving it across time zones. */
export function date(value) {
  if (!value) return '–';
  const [year, month, day] = value.split('-').map(Number);
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, day));
}

export function dateTime(value) {
  if (!value) return '–';
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function hour(value) {
  return new Intl.DateTimeFormat(current, { month: 'numeric', day: 'numeric', hour: 'numeric' }).format(new Date(value));
}

/** "3 minutes ago", "in 2 days". */
export function relative(value) {
  if (!value) return '–';
  const seconds = (new Date(value).getTime() - Date.now()) / 1000;
  const format = new Intl.RelativeTimeFormat(current, { numeric: 'auto' });
  const steps = [['day', 86400], ['hour', 3600], ['minute', 60]];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds), 'second');
}

/** Today as the API writes dates (yyyy-MM-dd), in the browser's time zone. */
export function today() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

document.documentElement.lang = current;
