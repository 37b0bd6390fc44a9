// Sign-in. In demo mode: choose a role and a participant, and the API mints a development token. Otherwise through the
// configured OpenID Connect provider (authorization code with PKCE).

import { send, signIn } from '../api.js';
import { redirectToProvider } from '../oidc.js';
import { h, t, field, problemBox, section } from '../ui.js';

export async function render(main, { settings, signInFailure, rerender }) {
  const failure = signInFailure ? problemBox(signInFailure) : null;
  if (!settings.devTokens) {
    const out = h('div', { 'aria-live': 'polite' }, failure);
    const go = async () => {
      try {
        await redirectToProvider(settings);
      } catch (error) {
        out.replaceChildren(problemBox(error));
      }
    };
    main.append(
      section(
        'signin',
        h('p', {}, t('signin.oidc'), ' ', h('code', {}, settings.authority ?? '–')),
        settings.authority ? h('button', { type: 'button', onclick: go, 'data-testid': 'sign-in-provider' }, t('signInProvider')) : null,
        out,
      ),
    );
    return;
  }
  const roles = ['regulator', 'trader', ...settings.approverRoles.filter(r => r !== 'regulator')];
  const role = h(
    'select',
    { name: 'role', 'data-testid': 'role' },
    roles.map(r => h('option', { value: r }, t(`role.${r}`))),
  );
  const subject = h('input', { name: 'subject', required: true, value: 'regulator-1', autocomplete: 'username', 'data-testid': 'subject' });
  const participant = h('input', { name: 'participant', autocomplete: 'off', 'data-testid': 'participant' });
  const out = h('div', { 'aria-live': 'polite' });
  role.addEventListener('change', () => {
    participant.required = role.value === 'trader';
    if (subject.value.match(/^(regulator|trader|supervisor)-\d+$/))
      subject.value = `${role.value === 'trader' ? 'trader' : role.value === 'regulator' ? 'regulator' : 'supervisor'}-1`;
  });
  const form = h(
    'form',
    {
      onsubmit: async event => {
        event.preventDefault();
        const body = { subject: subject.value.trim(), role: role.value, participantId: participant.value.trim() || null };
        try {
          const { token } = await send('POST', '/api/dev/tokens', body);
          signIn({ token, ...body });
          location.hash = role.value === 'trader' ? '#/trader' : role.value === 'regulator' ? '#/market' : '#/registry';
          await rerender();
        } catch (error) {
          out.replaceChildren(problemBox(error));
        }
      },
    },
    field('role', role),
    field('subject', subject),
    field('participant', participant),
    h('button', { type: 'submit', 'data-testid': 'sign-in' }, t('signIn')),
  );
  main.append(section('signin', h('p', { class: 'note' }, t('signin.demo')), form, out));
}
