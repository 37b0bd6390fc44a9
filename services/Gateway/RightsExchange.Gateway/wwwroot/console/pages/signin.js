// Sign-in. In demo mode: choose a role and a participant, and the API mints a development token. Otherwise the
// tokens come from the configured OpenID Connect provider, which this page names.

import { send, signIn } from '../api.js';
import { h, t, field, problemBox, section } from '../ui.js';

export async function render(main, { settings, rerender }) {
  if (!settings.devTokens) {
    main.append(section('signin', h('p', {}, t('signin.oidc'), ' ', h('code', {}, settings.authority ?? '–'))));
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
