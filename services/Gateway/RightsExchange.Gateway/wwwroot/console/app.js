// The console's shell: header, navigation by role, language switch, and one page at a time under #/page?query.

import { session, signOut, get } from './api.js';
import { h, t, language, setLanguage } from './ui.js';
import { completeSignIn } from './oidc.js';
import * as signin from './pages/signin.js';
import * as market from './pages/market.js';
import * as accounts from './pages/accounts.js';
import * as audit from './pages/audit.js';
import * as registry from './pages/registry.js';
import * as trader from './pages/trader.js';

const pages = { signin, market, accounts, audit, registry, trader };
let settings = { devTokens: false, authority: null, approverRoles: ['regulator'] };
let running = null;
let signInFailure = null;

/** The pages a role may open, in menu order. */
function pagesFor(user) {
  if (!user) return ['signin', 'market'];
  if (user.role === 'trader') return ['trader', 'market', 'accounts'];
  if (user.role === 'regulator') return ['market', 'accounts', 'audit', 'registry'];
  if (settings.approverRoles.includes(user.role)) return ['registry'];
  return ['market'];
}

function route() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  return { name: path || '', params: new URLSearchParams(query ?? '') };
}

function header(user, current) {
  const nav = h(
    'nav',
    { 'aria-label': t('menu') },
    h(
      'ul',
      {},
      pagesFor(user).map(name =>
        h('li', {}, h('a', { href: `#/${name}`, 'aria-current': name === current ? 'page' : null }, t(`page.${name}`))),
      ),
    ),
  );
  const switchTo = language() === 'zh' ? 'en' : 'zh';
  const languageButton = h(
    'button',
    {
      type: 'button',
      class: 'link',
      lang: switchTo,
      'data-testid': 'language',
      onclick: () => {
        setLanguage(switchTo);
        render();
      },
    },
    switchTo === 'zh' ? '中文' : 'English',
  );
  const who = user
    ? h(
        'span',
        { class: 'who', 'data-testid': 'who' },
        `${user.subject} · ${t(`role.${user.role}`)}`,
        user.participantId ? ` · ${user.participantId}` : '',
        ' ',
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () => {
              signOut();
              location.hash = '#/signin';
              render();
            },
          },
          t('signOut'),
        ),
      )
    : null;
  return h(
    'header',
    {},
    h('p', { class: 'brand' }, h('a', { href: '#/' }, t('brand'))),
    nav,
    h('div', { class: 'tools' }, who, languageButton),
  );
}

async function render() {
  running?.abort();
  running = new AbortController();
  document.documentElement.lang = language() === 'zh' ? 'zh-CN' : 'en';
  const user = session();
  let { name, params } = route();
  const allowed = pagesFor(user);
  if (!allowed.includes(name)) name = allowed[0];
  document.title = `${t(`page.${name}`)} · ${t('brand')}`;
  const main = h('main', { id: 'main' });
  document.body.replaceChildren(h('a', { href: '#main', class: 'skip' }, t('skip')), header(user, name), main);
  await pages[name].render(main, { user, params, settings, signInFailure, signal: running.signal, rerender: render });
}

async function start() {
  try {
    settings = await get('/console/settings.json');
  } catch {
    // Without its settings the console still shows the public market; sign-in says why it cannot go on.
  }
  try {
    await completeSignIn(settings);
  } catch (error) {
    signInFailure = error;
  }
  window.addEventListener('hashchange', render);
  await render();
}

start();
