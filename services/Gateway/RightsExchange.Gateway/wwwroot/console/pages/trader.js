// Trader: place and cancel orders (the API's reason shown for a refusal), the participant's own orders and fills from
// its private feed entries, and its holdings.

import { follow, get, send, sendJson } from '../api.js';
import { h, t, table, num, quantity, time, cny, guarded, field, section, problemBox } from '../ui.js';
import { listInstruments } from './market.js';

const orderTypes = ['OrderAccepted', 'OrderRejected', 'OrderFundingRejected', 'OrderCancelled', 'OrderAmended', 'OrderFilled'].map(
  name => `rightsexchange.orders.v1.${name}`,
);

export async function render(main, { user, signal }) {
  const orders = new Map();
  const units = new Map();
  const fills = [];
  const ordersOut = h('div', { 'data-testid': 'orders' });
  const fillsOut = h('div', { 'data-testid': 'fills' });
  const holdingsOut = h('div', { 'data-testid': 'own-holdings' });
  const answer = h('div', { 'aria-live': 'polite', 'data-testid': 'answer' });

  const showHoldings = () =>
    guarded(holdingsOut, async () => {
      const statement = await get(`/api/accounts/${encodeURIComponent(user.participantId)}`);
      holdingsOut.replaceChildren(
        table(
          null,
          ['instrument', 'available', 'reserved', 'pledged'],
          statement.holdings.map(l => [
            l.instrumentId,
            num(quantity(l.available, l.unit)),
            num(quantity(l.reserved, l.unit)),
            num(quantity(l.pledged, l.unit)),
          ]),
        ),
        table(t('cash'), ['available', 'reserved'], [[num(cny(statement.cash.available)), num(cny(statement.cash.reserved))]]),
      );
    });

  const cancel = order => async () => {
    try {
      const done = await send('DELETE', `/api/orders/${order.orderId}`);
      answer.replaceChildren(h('p', { class: 'ok' }, `${t('cancelled')}: ${quantity(done.cancelledQuantity)} (${order.orderId})`));
    } catch (error) {
      answer.replaceChildren(problemBox(error));
    }
  };
  const showOrders = () => {
    const rows = [...orders.values()]
      .reverse()
      .map(o => [
        time(o.at),
        h('td', {}, h('code', {}, o.clientOrderId ?? o.orderId)),
        o.instrumentId,
        t(`side.${o.side}`),
        num(quantity(o.quantity, units.get(o.instrumentId))),
        num(cny(o.limitPrice)),
        num(quantity(o.filled, units.get(o.instrumentId))),
        h('td', { 'data-testid': `status-${o.clientOrderId}` }, t(`status.${o.status}`), o.reason ? ` (${o.reason})` : ''),
        h(
          'td',
          {},
          o.status === 'Open' || o.status === 'PartiallyFilled'
            ? h(
                'button',
                { type: 'button', class: 'secondary', onclick: cancel(o), 'data-testid': `cancel-${o.clientOrderId}` },
                t('cancel'),
              )
            : '',
        ),
      ]);
    ordersOut.replaceChildren(
      table(null, ['time', 'clientOrderId', 'instrument', 'side', 'quantity', 'price', 'filled', 'status', 'action'], rows),
    );
    fillsOut.replaceChildren(
      table(
        null,
        ['time', 'trade', 'instrument', 'side', 'quantity', 'price', 'counterparty'],
        fills
          .slice()
          .reverse()
          .map(f => [
            time(f.executedAt),
            h('td', {}, h('code', {}, f.tradeId)),
            f.instrumentId,
            t(`side.${f.side}`),
            num(quantity(f.quantity, f.unit)),
            num(cny(f.price)),
            f.counterparty ?? '–',
          ]),
      ),
    );
  };
  const onEvent = event => {
    const d = event.data;
    const name = event.type.split('.').pop();
    const order = orders.get(d.orderId) ?? { orderId: d.orderId, filled: 0, at: d.acceptedAt ?? d.rejectedAt };
    orders.set(d.orderId, order);
    Object.assign(order, { instrumentId: d.instrumentId ?? order.instrumentId, side: d.side ?? order.side });
    if (d.clientOrderId) order.clientOrderId = d.clientOrderId;
    if (name === 'OrderAccepted')
      Object.assign(order, { status: 'Open', quantity: d.quantity, limitPrice: d.limitPrice, at: d.acceptedAt });
    if (name === 'OrderRejected' || name === 'OrderFundingRejected')
      Object.assign(order, { status: 'Rejected', reason: d.reason, quantity: d.quantity });
    if (name === 'OrderAmended') Object.assign(order, { quantity: d.quantity, limitPrice: d.limitPrice });
    if (name === 'OrderCancelled') Object.assign(order, { status: 'Cancelled', reason: d.reason });
    if (name === 'OrderFilled') {
      order.filled += d.quantity;
      order.status = d.open > 0 ? 'PartiallyFilled' : 'Filled';
      fills.push(d);
      showHoldings();
    }
    showOrders();
  };

  const instrument = h('select', { name: 'instrument', required: true, 'data-testid': 'order-instrument' });
  const side = h(
    'select',
    { name: 'side', 'data-testid': 'order-side' },
    ['Buy', 'Sell'].map(s => h('option', { value: s }, t(`side.${s}`))),
  );
  const qty = h('input', { name: 'quantity', inputmode: 'decimal', required: true, 'data-testid': 'order-quantity' });
  const limit = h('input', { name: 'limitPrice', inputmode: 'decimal', required: true, 'data-testid': 'order-price' });
  const type = h(
    'select',
    { name: 'type' },
    ['Limit', 'Market'].map(v => h('option', { value: v }, t(`orderType.${v}`))),
  );
  const tif = h(
    'select',
    { name: 'timeInForce' },
    ['Day', 'GoodTillCancelled', 'ImmediateOrCancel', 'FillOrKill'].map(v => h('option', { value: v }, t(`tif.${v}`))),
  );
  const clientOrderId = () => `console-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const form = h(
    'form',
    {
      class: 'inline',
      onsubmit: async event => {
        event.preventDefault();
        const id = clientOrderId();
        // Sent as the text typed: the API checks the step and tick exactly and refuses, never rounds.
        const body =
          `{"clientOrderId":${JSON.stringify(id)},"instrumentId":${JSON.stringify(instrument.value)},"side":"${side.value}",` +
          `"quantity":${decimalText(qty.value)},"limitPrice":${decimalText(limit.value)},` +
          `"type":"${type.value}","timeInForce":"${tif.value}"}`;
        try {
          const ack = await sendJson('POST', '/api/orders', body);
          answer.replaceChildren(
            h('p', { class: 'ok', 'data-testid': 'accepted' }, `${t('accepted')}: ${id} (${ack.status ?? ack.orderId})`),
          );
        } catch (error) {
          answer.replaceChildren(problemBox(error));
        }
      },
    },
    field('instrument', instrument),
    field('side', side),
    field('quantity', qty),
    field('limitPrice', limit),
    field('type', type),
    field('timeInForce', tif),
    h('button', { type: 'submit', 'data-testid': 'place' }, t('place')),
  );

  main.append(
    section('placeOrder', form, answer),
    section('ownOrders', ordersOut),
    section('fills', fillsOut),
    section('holdings', holdingsOut),
  );
  showOrders();
  listInstruments(signal, listed => {
    units.set(listed.instrumentId, listed.unit);
    instrument.append(h('option', { value: listed.instrumentId }, `${listed.instrumentId} · ${listed.name}`));
    showOrders();
  });
  follow({ types: orderTypes, after: 0, signal, onEvent }).catch(error => {
    if (error.name !== 'AbortError') ordersOut.replaceChildren(problemBox(error));
  });
  await showHoldings();
}

// A number typed by the trader, as JSON: digits with at most one point, else a string the API refuses with its reason.
function decimalText(text) {
  const trimmed = text.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? trimmed : JSON.stringify(trimmed);
}
