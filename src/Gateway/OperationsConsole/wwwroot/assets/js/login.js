// The sign-in page. Every refusal reads the same, whichever part was wrong; a throttled sign-in says when to retry.
import { signIn, ApiError } from './api.js';
import { h, replace } from './dom.js';
import { t, languages, language, setLanguage, onLanguageChange } from './i18n.js';

function returnUrl() {
  const target = new URLSearchParams(window.location.search).get('ReturnUrl') ?? '';
  // Only back into the console: never an address another site put in the link.
  return target.startsWith('/console/') && !target.startsWith('//') ? target : '/console/';
}

function render() {
  document.title = `${t('login.title')} · ${t('shell.brand')}`;
  const name = h('input', { id: 'name', name: 'name', autocomplete: 'username', required: true, autofocus: true, maxlength: 64 });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 256 });
  const message = h('p', { id: 'login-error', class: 'outcome', 'aria-live': 'assertive' });
  const button = h('button', { type: 'submit', id: 'sign-in' }, t('login.submit'));
  const form = h('form', { class: 'login', onsubmit: async (event) => {
    event.preventDefault();
    button.disabled = true;
    message.className = 'outcome';
    message.textContent = '';
    try {
      await signIn(name.value, password.value);
      window.location.assign(returnUrl());
    } catch (error) {
      password.value = '';
      message.className = 'outcome error';
      message.setAttribute('role', 'alert');
      message.textContent = error instanceof ApiError && error.status === 429
        ? t('login.throttled', { minutes: Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60)) })
        : error instanceof ApiError && error.status === 401 ? t('login.refused') : t('error.unexpected');
      button.disabled = false;
      password.focus();
    }
  } },
    h('h1', {}, t('shell.brand')),
    h('p', { class: 'hint' }, t('login.hint')),
    h('label', {}, h('span', {}, t('login.name')), name),
    h('label', {}, h('span', {}, t('login.password')), password),
    button,
    message,
    h('label', { class: 'language' }, h('span', {}, t('shell.language')),
      h('select', { id: 'language', onchange: (event) => setLanguage(event.target.value) },
        languages.map((option) => h('option', { value: option.code, selected: option.code === language() }, option.name)))));
  replace(document.getElementById('app'), form);
}

onLanguageChange(render);
render();
