// Accounts: a participant's holdings and cash now or as of any instant, the serial blocks held and pledged, and the
// day's statement. A trader sees its own participant only (the API refuses others).

import { get } from '../api.js';
import { h, t, table, num, quantity, time, cny, guarded, field, section, shanghaiInstant, shanghaiToday } from '../ui.js';

export async function render(main, { user, params }) {
  const own = user.role === 'trader';
  const participant = h('input', {
    name: 'participant',
    required: true,
    value: own ? user.participantId : (params.get('participant') ?? ''),
    readonly: own,
    'data-testid': 'account-participant',
  });
  const asOf = h('input', { type: 'datetime-local', name: 'asOf', step: 1, value: params.get('asOf') ?? '', 'data-testid': 'as-of' });
  const date = h('input', { type: 'date', name: 'date', value: params.get('date') ?? shanghaiToday(), 'data-testid': 'statement-date' });
  const out = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      class: 'inline',
      onsubmit: event => {
        event.preventDefault();
        const query = new URLSearchParams({ participant: participant.value.trim(), date: date.value });
        if (asOf.value) query.set('asOf', asOf.value);
        location.hash = `#/accounts?${query}`;
      },
    },
    field('participant', participant),
    field('asOf', asOf),
    field('statementDate', date),
    h('button', { type: 'submit', 'data-testid': 'show-account' }, t('show')),
  );
  main.append(section('page.accounts', h('p', { class: 'note' }, t('accounts.note')), form), out);
  const id = participant.value.trim();
  if (!id || (!own && !params.get('participant'))) return;
  await guarded(out, async () => {
    const instant = shanghaiInstant(asOf.value);
    const statement = await get(`/api/accounts/${encodeURIComponent(id)}${instant ? `?asOf=${encodeURIComponent(instant)}` : ''}`);
    out.replaceChildren(holdings(statement));
    const daily = h('div', {});
    out.append(section('statement', daily));
    await guarded(daily, async () =>
      daily.replaceChildren(
        dailyStatement(await get(`/api/accounts/${encodeURIComponent(id)}/statements/${encodeURIComponent(date.value)}`)),
      ),
    );
  });
}

function blocks(list) {
  return list?.length
    ? h(
        'ul',
        { class: 'serials' },
        list.map(b => h('li', {}, `${b.batch}: ${b.first}–${b.last} (${b.count})`)),
      )
    : '–';
}

function holdings(statement) {
  const rows = statement.holdings.map(line => [
    line.instrumentId,
    num(quantity(line.available, line.unit)),
    num(quantity(line.reserved, line.unit)),
    num(quantity(line.pledged, line.unit)),
    num(quantity(line.retired, line.unit)),
    num(quantity(line.surrendered, line.unit)),
    h('td', {}, blocks(line.serials)),
    h('td', {}, blocks(line.pledgedSerials)),
  ]);
  return h(
    'div',
    { 'data-testid': 'holdings' },
    h('h2', {}, `${statement.name ?? statement.participantId} (${statement.participantId})`),
    h('p', { class: 'muted' }, `${t('asOf')}: ${time(statement.asOf)}`),
    table(t('holdings'), ['instrument', 'available', 'reserved', 'pledged', 'retired', 'surrendered', 'serials', 'pledgedSerials'], rows),
    table(t('cash'), ['available', 'reserved'], [[num(cny(statement.cash.available)), num(cny(statement.cash.reserved))]]),
  );
}

function dailyStatement(statement) {
  const trades = statement.trades.map(trade => [
    time(trade.executedAt ?? trade.settledAt),
    trade.tradeId,
    trade.instrumentId,
    t(`side.${trade.side}`),
    num(quantity(trade.quantity, trade.unit)),
    num(cny(trade.price)),
    num(cny(trade.consideration)),
    num(cny(trade.fee)),
    trade.counterparty,
    trade.status,
  ]);
  const compensation = (statement.compensation ?? []).map(c => [c.agreementId ?? c.settlementId, c.year, num(cny(c.amount)), c.status]);
  return h(
    'div',
    { 'data-testid': 'statement' },
    h('p', { class: 'muted' }, `${statement.date} (${statement.timeZone}) · ${t('feesPaid')}: ${cny(statement.feesPaid)}`),
    table(
      t('trades'),
      ['time', 'trade', 'instrument', 'side', 'quantity', 'price', 'consideration', 'fee', 'counterparty', 'status'],
      trades,
    ),
    compensation.length ? table(t('compensation'), ['agreement', 'year', 'amount', 'status'], compensation) : null,
  );
}
