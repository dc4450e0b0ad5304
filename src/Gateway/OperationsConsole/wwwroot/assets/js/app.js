// The console's shell: who is signed in, the navigation, the language switch, and a hash router that renders
// one view at a time (each view may return a function that stops its timers and charts).
import { loadSession, signOut, ApiError } from './api.js';
import { h, replace } from './dom.js';
import { t, languages, language, setLanguage, onLanguageChange } from './i18n.js';
import overview from './views/overview.js';
import accountSearch from './views/accounts.js';
import accountDetail from './views/account.js';
import workQueue from './views/queue.js';
import noticeLog from './views/notices.js';
import system from './views/system.js';

const routes = [
  { path: /^\/overview$/, view: overview, nav: 'overview' },
  { path: /^\/accounts$/, view: accountSearch, nav: 'accounts' },
  { path: /^\/accounts\/([^/]+)$/, view: accountDetail, nav: 'accounts' },
  { path: /^\/queue$/, view: workQueue, nav: 'queue' },
  { path: /^\/notices$/, view: noticeLog, nav: 'notices' },
  { path: /^\/system$/, view: system, nav: 'system' },
];
const navigation = ['overview', 'accounts', 'queue', 'notices', 'system'];

let session = null;
let stopView = null;

/** Where the router is: the path and the query of the hash ("#/accounts?q=ACC" → "/accounts", q=ACC). */
function location() {
  const [path, query = ''] = window.location.hash.replace(/^#/, '').split('?');
  return { path: path || '/overview', query: new URLSearchParams(query) };
}

/** Moves to a route; the same route with other parameters re-renders. */
export function navigate(path, query = {}) {
  const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== ''));
  const hash = `#${path}${search.size > 0 ? `?${search}` : ''}`;
  if (window.location.hash === hash) {
    render();
  } else {
    window.location.hash = hash;
  }
}

function shell(active) {
  const languageSwitch = h('select', { id: 'language', 'aria-label': t('shell.language'), onchange: (event) => setLanguage(event.target.value) },
    languages.map((option) => h('option', { value: option.code, selected: option.code === language() }, option.name)));
  return h('div', { class: 'shell' },
    h('header', { class: 'top' },
      h('a', { class: 'brand', href: '#/overview' }, t('shell.brand')),
      h('nav', { 'aria-label': t('shell.navigation') },
        navigation.map((name) => h('a', { href: `#/${name}`, class: name === active ? 'active' : null, 'aria-current': name === active ? 'page' : null, dataset: { nav: name } }, t(`nav.${name}`)))),
      h('div', { class: 'who' },
        languageSwitch,
        h('span', { class: 'user', id: 'signed-in-user' }, session.name, h('span', { class: 'role' }, t(`role.${session.role}`))),
        h('button', { type: 'button', class: 'quiet', id: 'sign-out', onclick: leave }, t('shell.signOut')))),
    h('main', { id: 'view', tabindex: '-1' }));
}

async function leave() {
  try {
    await signOut();
  } finally {
    window.location.assign('/console/login');
  }
}

async function render() {
  stopView?.();
  stopView = null;
  const { path, query } = location();
  const route = routes.find((candidate) => candidate.path.test(path)) ?? routes[0];
  const params = path.match(route.path)?.slice(1).map(decodeURIComponent) ?? [];
  const root = document.getElementById('app');
  replace(root, shell(route.nav));
  const container = document.getElementById('view');
  try {
    stopView = (await route.view({ container, session, params, query, navigate })) ?? null;
  } catch (error) {
    replace(container, h('div', { class: 'error', role: 'alert' }, error instanceof ApiError ? error.message : t('error.unexpected')));
    if (!(error instanceof ApiError)) console.error(error);
  }
}

async function start() {
  session = await loadSession();
  if (!session) {
    window.location.assign(`/console/login?ReturnUrl=${encodeURIComponent('/console/' + window.location.hash)}`);
    return;
  }
  session.can = (scope) => session.scopes.includes(scope) || session.scopes.includes('admin');
  window.addEventListener('hashchange', render);
  onLanguageChange(render);
  await render();
}

start();
