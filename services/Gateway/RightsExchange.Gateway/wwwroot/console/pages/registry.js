// Registry desk: four-eyes actions waiting for a decision (never the proposer's: the API refuses and says so), freezes,
// cross-region approvals, water corridors with their remaining capacity and queue, the lineage of a serial block,
// compliance status, and dead-letter alerts.

import { get, send } from '../api.js';
import { h, t, table, num, quantity, time, guarded, field, section, problemBox } from '../ui.js';

export async function render(main, { user, params }) {
  const isRegulator = user.role === 'regulator';
  main.append(await actionsSection());
  if (!isRegulator) return;
  main.append(
    freezeSection(),
    crossRegionSection(params),
    await corridorsSection(),
    lineageSection(params),
    complianceSection(params),
    await alertsSection(),
  );
  // A desk opened from a link (#/registry?lineage=...&first=...) shows the answers it names at once.
  for (const form of main.querySelectorAll('form[data-prefilled]')) form.requestSubmit();
}

async function actionsSection() {
  const out = h('div', { 'aria-live': 'polite', 'data-testid': 'actions' });
  const load = () =>
    guarded(out, async () => {
      const { actions } = await get('/api/registry-actions?pending=true');
      const rows = actions.map(action => {
        const reason = h('input', {
          name: 'reason',
          'aria-label': `${t('reason')} ${action.actionId}`,
          minlength: 2,
          placeholder: t('reason'),
        });
        const message = h('div', { 'aria-live': 'polite' });
        const decide = verb => async () => {
          try {
            await send('POST', `/api/registry-actions/${action.actionId}/${verb}`, { reason: reason.value.trim() });
            await load();
          } catch (error) {
            message.replaceChildren(problemBox(error));
          }
        };
        return [
          h('td', {}, h('code', {}, action.actionId)),
          t(`action.${action.kind}`),
          action.summary,
          action.proposedBy,
          time(action.proposedAt),
          h(
            'td',
            { class: 'decide' },
            reason,
            h('button', { type: 'button', onclick: decide('approve'), 'data-testid': `approve-${action.actionId}` }, t('approve')),
            h(
              'button',
              { type: 'button', class: 'secondary', onclick: decide('reject'), 'data-testid': `reject-${action.actionId}` },
              t('reject'),
            ),
            message,
          ),
        ];
      });
      out.replaceChildren(table(null, ['action', 'kind', 'summary', 'proposedBy', 'proposedAt', 'decision'], rows));
    });
  await load();
  return section('pendingActions', h('button', { type: 'button', class: 'secondary', onclick: load }, t('refresh')), out);
}

function freezeSection() {
  const participant = h('input', { name: 'participant', required: true });
  const reason = h('input', { name: 'reason', required: true, minlength: 3 });
  const out = h('div', { 'aria-live': 'polite' });
  const act = verb => async event => {
    event.preventDefault();
    await guarded(out, async () => {
      const done = await send('POST', `/api/accounts/${encodeURIComponent(participant.value.trim())}/${verb}`, {
        reason: reason.value.trim(),
      });
      out.replaceChildren(h('p', { class: 'ok' }, `${t(verb)}: ${done.subject ?? participant.value} (${done.id ?? ''})`));
    });
  };
  return section(
    'freezes',
    h(
      'form',
      { class: 'inline', onsubmit: act('freeze') },
      field('participant', participant),
      field('reason', reason),
      h('button', { type: 'submit' }, t('freeze')),
      h('button', { type: 'button', class: 'secondary', onclick: act('unfreeze') }, t('unfreeze')),
    ),
    out,
  );
}

function crossRegionSection(params) {
  const participant = h('input', { name: 'participant', required: true, value: params.get('approvalParticipant') ?? '' });
  const instrument = h('input', { name: 'instrument', required: true, value: params.get('approvalInstrument') ?? '' });
  const out = h('div', { 'aria-live': 'polite' });
  const path = () =>
    `/api/cross-region-approvals/${encodeURIComponent(participant.value.trim())}/${encodeURIComponent(instrument.value.trim())}`;
  const show = async () => {
    const view = await get(path());
    const reason = h('input', { name: 'reason', minlength: 3, 'aria-label': t('reason'), placeholder: t('reason') });
    const decide = decision => () =>
      guarded(out, async () => {
        await send('POST', `${path()}/decisions`, { decision, reason: reason.value.trim() });
        await show();
      });
    out.replaceChildren(
      h('p', {}, `${t('status')}: `, h('strong', {}, view.status)),
      table(
        null,
        ['step', 'reason', 'by', 'at'],
        view.history.map(s => [s.step, s.reason, s.by, time(s.at)]),
      ),
      h(
        'div',
        { class: 'decide' },
        reason,
        h('button', { type: 'button', onclick: decide('Approve') }, t('approve')),
        h('button', { type: 'button', class: 'secondary', onclick: decide('Refuse') }, t('refuse')),
        h('button', { type: 'button', class: 'secondary', onclick: decide('Revoke') }, t('revoke')),
      ),
    );
  };
  const prefilled = (participant.value && instrument.value) || null;
  const submit = event => {
    event.preventDefault();
    guarded(out, show);
  };
  return section(
    'crossRegion',
    h(
      'form',
      { class: 'inline', 'data-prefilled': prefilled, onsubmit: submit },
      field('participant', participant),
      field('instrument', instrument),
      h('button', { type: 'submit' }, t('show')),
    ),
    out,
  );
}

async function corridorsSection() {
  const out = h('div', { 'data-testid': 'corridors' });
  await guarded(out, async () => {
    const { corridors } = await get('/api/water-corridors');
    out.replaceChildren(
      ...corridors.map(c =>
        h(
          'article',
          { class: 'corridor' },
          h('h3', {}, `${c.corridorId}: ${c.fromBasin} → ${c.toRegion} (${c.period})`),
          h(
            'label',
            { for: `gauge-${c.corridorId}` },
            `${t('remaining')}: ${quantity(c.remaining, 'm3/yr')} / ${quantity(c.volume, 'm3/yr')}`,
          ),
          h('meter', { id: `gauge-${c.corridorId}`, min: 0, max: c.volume, value: c.remaining, low: c.volume * 0.1, optimum: c.volume }),
          table(
            t('queue'),
            ['position', 'transfer', 'instrument', 'from', 'to', 'quantity', 'queuedAt'],
            c.queue.map(q => [
              num(q.position),
              h('td', {}, h('code', {}, q.transferId)),
              q.instrumentId,
              q.fromParticipantId,
              q.toParticipantId,
              num(quantity(q.quantity, 'm3/yr')),
              time(q.queuedAt),
            ]),
          ),
        ),
      ),
    );
  });
  return section('corridors', out);
}

function lineageSection(params) {
  const instrument = h('input', { name: 'instrument', required: true, value: params.get('lineage') ?? '' });
  const first = h('input', { name: 'first', type: 'number', min: 1, step: 1, value: params.get('first') ?? '' });
  const last = h('input', { name: 'last', type: 'number', min: 1, step: 1, value: params.get('last') ?? '' });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      class: 'inline',
      'data-prefilled': instrument.value || null,
      onsubmit: event => {
        event.preventDefault();
        guarded(out, async () => {
          const query = new URLSearchParams();
          if (first.value) query.set('first', first.value);
          if (last.value) query.set('last', last.value);
          const lineage = await get(`/api/instruments/${encodeURIComponent(instrument.value.trim())}/lineage?${query}`);
          const blocks = list => list.map(b => `${b.batch}: ${b.first}–${b.last}`).join(', ');
          out.replaceChildren(
            table(
              t('lineagePath'),
              ['step', 'serials', 'from', 'to', 'reference', 'at'],
              lineage.path.map(s => [s.kind, blocks(s.blocks), s.from ?? '–', s.to ?? '–', s.reference ?? '', time(s.at)]),
            ),
            table(
              t('whereabouts'),
              ['serials', 'holder', 'status'],
              lineage.whereabouts.map(w => [blocks([w.block]), w.holder ?? '–', w.status]),
            ),
          );
        });
      },
    },
    field('instrument', instrument),
    field('firstSerial', first),
    field('lastSerial', last),
    h('button', { type: 'submit' }, t('show')),
  );
  return section('lineage', form, out);
}

function complianceSection(params) {
  const participant = h('input', { name: 'participant', required: true, value: params.get('compliance') ?? '' });
  const period = h('input', {
    name: 'period',
    type: 'number',
    min: 2000,
    max: 2100,
    required: true,
    value: params.get('period') ?? new Date().getFullYear() - 1,
  });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      class: 'inline',
      'data-prefilled': participant.value || null,
      onsubmit: event => {
        event.preventDefault();
        guarded(out, async () => {
          const c = await get(`/api/compliance/${encodeURIComponent(participant.value.trim())}/${period.value}`);
          out.replaceChildren(
            h(
              'dl',
              { class: 'facts' },
              h('dt', {}, t('status')),
              h('dd', {}, h('span', { class: c.status === 'Compliant' ? 'badge good' : 'badge' }, t(`compliance.${c.status}`))),
              h('dt', {}, t('emissions')),
              h('dd', {}, quantity(c.emissions, 'tCO2e')),
              h('dt', {}, t('surrendered')),
              h('dd', {}, quantity(c.surrendered, 'tCO2e')),
              h('dt', {}, t('offsets')),
              h('dd', {}, quantity(c.offsets, 'tCO2e')),
              h('dt', {}, t('outstanding')),
              h('dd', {}, quantity(c.outstanding, 'tCO2e')),
              h('dt', {}, t('deadline')),
              h('dd', {}, c.deadline ?? '–'),
            ),
          );
        });
      },
    },
    field('participant', participant),
    field('period', period),
    h('button', { type: 'submit' }, t('show')),
  );
  return section('compliance', form, out);
}

async function alertsSection() {
  const out = h('div', { 'data-testid': 'alerts' });
  await guarded(out, async () => {
    const { alerts } = await get('/api/alerts?limit=50');
    out.replaceChildren(
      table(
        null,
        ['faultedAt', 'service', 'queue', 'alertSubject', 'reason'],
        alerts.map(a => [time(a.faultedAt), a.service ?? '–', a.errorQueue, a.subject ?? '–', a.reason]),
      ),
    );
  });
  return section('alerts', out);
}
