// Audit: each log's chain (INTACT, or BROKEN at event N), verified again on demand; event search by participant,
// instrument, order, trade and time, paged under one cut; exports of that cut; the path of one order across the logs.

import { get, download } from '../api.js';
import { h, t, table, num, time, guarded, field, section, shanghaiInstant } from '../ui.js';

const logs = ['accounts', 'matching', 'settlement', 'gateway'];

export async function render(main, { params }) {
  const chains = h('div', { 'aria-live': 'polite', 'data-testid': 'chains' });
  const verify = async () =>
    guarded(chains, async () => {
      chains.replaceChildren(h('p', { class: 'muted' }, t('verifying')));
      chains.replaceChildren(chainReport(await get('/api/audit/chains')));
    });
  main.append(section('chains', h('button', { type: 'button', onclick: verify, 'data-testid': 'verify' }, t('verifyAgain')), chains));
  main.append(searchSection(params), pathSection(params));
  await verify();
}

function chainReport(report) {
  const rows = report.logs.map(log => [
    log.log,
    h(
      'td',
      { 'data-testid': `chain-${log.log}` },
      log.intact
        ? h('span', { class: 'badge good' }, 'INTACT')
        : h('span', { class: 'badge bad' }, `BROKEN ${t('atEvent')} ${log.divergence?.sequence ?? '?'}`),
    ),
    num(log.eventsChecked),
    num(log.headSequence),
    h('td', {}, h('code', { class: 'hash' }, log.headHash ?? '–')),
    h('td', {}, log.divergence ? `${log.divergence.kind}: ${log.divergence.detail}` : ''),
    time(log.verifiedAt),
  ]);
  return table(null, ['log', 'chain', 'eventsChecked', 'head', 'headHash', 'divergence', 'verifiedAt'], rows);
}

function filterQuery(values) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) query.set(key, value);
  return query;
}

function searchSection(params) {
  const inputs = {
    log: h(
      'select',
      { name: 'log', 'data-testid': 'audit-log' },
      logs.map(l => h('option', { value: l, selected: params.get('log') === l }, l)),
    ),
    participant: h('input', { name: 'participant', value: params.get('participant') ?? '' }),
    instrument: h('input', { name: 'instrument', value: params.get('instrument') ?? '' }),
    order: h('input', { name: 'order', value: params.get('order') ?? '' }),
    trade: h('input', { name: 'trade', value: params.get('trade') ?? '' }),
    from: h('input', { name: 'from', type: 'datetime-local', step: 1, value: params.get('from') ?? '' }),
    to: h('input', { name: 'to', type: 'datetime-local', step: 1, value: params.get('to') ?? '' }),
  };
  const out = h('div', { 'aria-live': 'polite', 'data-testid': 'events' });
  const values = () => ({
    log: inputs.log.value,
    participant: inputs.participant.value.trim(),
    instrument: inputs.instrument.value.trim(),
    order: inputs.order.value.trim(),
    trade: inputs.trade.value.trim(),
    from: shanghaiInstant(inputs.from.value),
    to: shanghaiInstant(inputs.to.value),
  });
  const page = async (after, upTo) =>
    guarded(out, async () => {
      const query = filterQuery({ ...values(), after, upTo });
      const result = await get(`/api/audit/events?${query}`);
      const cut = result.cut;
      const exportQuery = filterQuery({ ...values(), upTo: cut.sequence });
      const rows = result.events.map(e => [
        num(e.sequence),
        time(e.timestamp),
        h('td', {}, h('code', {}, e.stream)),
        num(e.version),
        e.type,
        h('td', {}, h('code', { class: 'data' }, JSON.stringify(e.data))),
      ]);
      out.replaceChildren(
        h(
          'p',
          { class: 'muted', 'data-testid': 'cut' },
          `${t('cut')}: ${cut.log} ${cut.sequence} `,
          h('code', { class: 'hash' }, cut.hash),
        ),
        h(
          'div',
          { class: 'buttons' },
          h(
            'button',
            {
              type: 'button',
              onclick: () => download(`/api/audit/events/export?${exportQuery}&format=csv`, `audit-${cut.log}-${cut.sequence}.csv`),
            },
            t('exportCsv'),
          ),
          h(
            'button',
            {
              type: 'button',
              onclick: () => download(`/api/audit/events/export?${exportQuery}&format=jsonl`, `audit-${cut.log}-${cut.sequence}.jsonl`),
            },
            t('exportJsonl'),
          ),
          result.next
            ? h('button', { type: 'button', onclick: () => page(result.next, cut.sequence), 'data-testid': 'next' }, t('nextPage'))
            : null,
        ),
        table(null, ['sequence', 'time', 'stream', 'version', 'type', 'data'], rows, { class: 'events' }),
      );
    });
  const form = h(
    'form',
    {
      class: 'inline',
      onsubmit: event => {
        event.preventDefault();
        page(null, null);
      },
    },
    Object.entries(inputs).map(([key, control]) => field(key, control)),
    h('button', { type: 'submit', 'data-testid': 'search' }, t('search')),
  );
  return section('events', form, out);
}

function pathSection(params) {
  const order = h('input', { name: 'orderId', required: true, value: params.get('path') ?? '', 'data-testid': 'path-order' });
  const out = h('div', { 'aria-live': 'polite', 'data-testid': 'path' });
  const form = h(
    'form',
    {
      class: 'inline',
      onsubmit: async event => {
        event.preventDefault();
        await guarded(out, async () => {
          const path = await get(`/api/audit/orders/${encodeURIComponent(order.value.trim())}/path`);
          const rows = path.events.map(e => [
            e.log,
            num(e.sequence),
            time(e.timestamp),
            h('td', {}, h('code', {}, e.stream)),
            e.type,
            h('td', {}, h('code', { class: 'data' }, JSON.stringify(e.data))),
          ]);
          out.replaceChildren(
            h('p', {}, `${t('trades')}: ${path.trades.join(', ') || '–'}`),
            table(null, ['log', 'sequence', 'time', 'stream', 'type', 'data'], rows, { class: 'events' }),
          );
        });
      },
    },
    field('orderId', order),
    h('button', { type: 'submit' }, t('show')),
  );
  return section('orderPath', form, out);
}
