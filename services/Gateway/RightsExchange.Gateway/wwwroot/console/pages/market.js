// Market: the listed instruments (from the feed), and for one of them its phase, price limits, ten levels of depth a
// side, daily open/high/low/close and volume, and the tape, kept live from the feed without a reload.

import { follow, get } from '../api.js';
import { h, t, table, num, quantity, time, guarded, section, cny } from '../ui.js';

const types = {
  listed: 'rightsexchange.registry.v1.InstrumentListed',
  trade: 'rightsexchange.trading.v1.TradeExecuted',
  book: 'rightsexchange.marketdata.v1.OrderBookChanged',
  halted: 'rightsexchange.marketdata.v1.InstrumentHalted',
  resumed: 'rightsexchange.marketdata.v1.InstrumentResumed',
};

/** The instruments listed so far, from the start of the feed; calls onListed(instrument) for each as it comes. */
export function listInstruments(signal, onListed) {
  return follow({ types: [types.listed], after: 0, signal, onEvent: e => onListed(e.data) }).catch(() => {});
}

export async function render(main, { params, signal }) {
  const instruments = new Map();
  const list = h('ul', { class: 'instruments', 'data-testid': 'instruments' });
  const detail = h('div', { class: 'detail' });
  main.append(h('div', { class: 'split' }, section('instruments', list), detail));
  const selected = params.get('instrument');
  let unit = '';
  const header = h('div', {}, h('h2', {}, selected ?? ''));
  listInstruments(signal, instrument => {
    instruments.set(instrument.instrumentId, instrument);
    list.append(
      h(
        'li',
        {},
        h(
          'a',
          {
            href: `#/market?instrument=${encodeURIComponent(instrument.instrumentId)}`,
            'aria-current': instrument.instrumentId === selected ? 'true' : null,
          },
          instrument.instrumentId,
        ),
        h('span', { class: 'muted' }, ` ${instrument.name} · ${instrument.region}`),
      ),
    );
    if (instrument.instrumentId !== selected) return;
    unit = instrument.unit;
    header.replaceChildren(...title(instrument));
  });
  if (!selected) {
    detail.append(h('p', { class: 'note' }, t('market.choose')));
    return;
  }
  const state = h('div', { 'data-testid': 'market-state' });
  const depth = h('div', { 'data-testid': 'depth' });
  const chart = h('div', { 'data-testid': 'chart' });
  const tape = h('tbody', { 'data-testid': 'tape' });
  detail.append(
    header,
    state,
    depth,
    section('days', chart),
    section(
      'tape',
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['time', 'price', 'quantity', 'kind', 'aggressor'].map(k => h('th', { scope: 'col' }, t(k))),
          ),
        ),
        tape,
      ),
    ),
  );
  const showMarket = async () => {
    const view = await get(`/api/instruments/${encodeURIComponent(selected)}/market`);
    state.replaceChildren(marketState(view, unit));
    depth.replaceChildren(book(view.bids, view.asks, unit));
  };
  await guarded(detail, async () => {
    const [tapeView, days] = await Promise.all([
      get(`/api/instruments/${encodeURIComponent(selected)}/tape?limit=50`),
      get(`/api/instruments/${encodeURIComponent(selected)}/days?days=30`),
    ]);
    unit = tapeView.trades[0]?.unit ?? unit;
    await showMarket();
    tape.replaceChildren(...tapeView.trades.map(tapeRow));
    chart.replaceChildren(dailyChart(days.days));
  });
  follow({
    types: [types.trade, types.book, types.halted, types.resumed],
    signal,
    onEvent: event => {
      const data = event.data;
      if (data.instrumentId !== selected) return;
      if (event.type === types.trade) {
        unit = data.unit;
        tape.prepend(tapeRow({ ...data, executedAt: data.executedAt }));
      } else if (event.type === types.book) {
        depth.replaceChildren(book(data.bids, data.asks, unit));
      } else {
        showMarket().catch(() => {});
      }
    },
  }).catch(() => {});
}

function title(instrument) {
  const period = instrument.vintage ?? [instrument.validFrom, instrument.validTo].filter(Boolean).join(' – ');
  return [
    h('h2', {}, `${instrument.instrumentId} · ${instrument.name}`),
    h('p', { class: 'muted' }, `${t(`class.${instrument.class}`)} · ${instrument.unit} · ${period} · ${instrument.region}`),
  ];
}

function marketState(view, unit) {
  const halted = view.phase === 'Halted';
  return h(
    'dl',
    { class: 'facts' },
    h('dt', {}, t('phase')),
    h(
      'dd',
      { 'data-testid': 'phase' },
      h('span', { class: halted ? 'badge bad' : 'badge' }, t(`phase.${view.phase}`)),
      halted && view.haltReason ? ` ${view.haltReason}` : '',
    ),
    h('dt', {}, t('tradingDate')),
    h('dd', {}, view.tradingDate ?? '–'),
    h('dt', {}, t('referencePrice')),
    h('dd', {}, cny(view.referencePrice)),
    h('dt', {}, t('priceLimits')),
    h('dd', {}, view.priceLimits ? `${cny(view.priceLimits.low)} – ${cny(view.priceLimits.high)}` : '–'),
    h('dt', {}, t('lastPrice')),
    h('dd', {}, cny(view.lastPrice)),
    h('dt', {}, t('volume')),
    h('dd', {}, quantity(view.volume, unit)),
  );
}

function book(bids, asks, unit) {
  const rows = [];
  for (let i = 0; i < Math.min(10, Math.max(bids.length, asks.length)); i++) {
    const bid = bids[i];
    const ask = asks[i];
    rows.push([
      num(bid ? bid.orders : ''),
      num(bid ? quantity(bid.quantity, unit) : ''),
      num(bid ? cny(bid.price) : ''),
      num(ask ? cny(ask.price) : ''),
      num(ask ? quantity(ask.quantity, unit) : ''),
      num(ask ? ask.orders : ''),
    ]);
  }
  return table(t('depth'), ['orders', 'bidQuantity', 'bid', 'ask', 'askQuantity', 'orders'], rows, { class: 'book' });
}

function tapeRow(trade) {
  return h(
    'tr',
    {},
    h('td', {}, time(trade.executedAt)),
    num(cny(trade.price)),
    num(quantity(trade.quantity, trade.unit)),
    h('td', {}, t(`kind.${trade.kind}`)),
    h('td', {}, t(`side.${trade.aggressorSide}`)),
  );
}

/** Candles (open, high, low, close) over volume bars, one a trading day, as SVG; days without a trade are gaps. */
function dailyChart(days) {
  const traded = days.filter(d => d.close !== null && d.close !== undefined);
  if (!traded.length) return h('p', { class: 'muted' }, t('days.none'));
  const ns = 'http://www.w3.org/2000/svg';
  const svg = (tag, attributes) => {
    const element = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, String(v));
    return element;
  };
  const width = 640;
  const height = 220;
  const priceHeight = 150;
  const pad = 36;
  const lows = traded.map(d => d.low);
  const highs = traded.map(d => d.high);
  const min = Math.min(...lows);
  const max = Math.max(...highs);
  const span = max - min || 1;
  const maxVolume = Math.max(...days.map(d => d.volume), 1);
  const step = (width - pad) / Math.max(days.length, 1);
  const y = p => 8 + ((max - p) / span) * (priceHeight - 16);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart' });
  const label = `${t('days')}: ${days[0].tradingDate} – ${days[days.length - 1].tradingDate}, ${cny(min)} – ${cny(max)}`;
  root.setAttribute('aria-label', label);
  root.append(Object.assign(svg('title', {}), { textContent: label }));
  [max, min].forEach(p => {
    const text = svg('text', { x: 0, y: y(p) + 4, class: 'axis' });
    text.textContent = p.toFixed(2);
    root.append(text);
  });
  days.forEach((d, i) => {
    const x = pad + i * step + step / 2;
    const barHeight = (d.volume / maxVolume) * (height - priceHeight - 10);
    root.append(svg('rect', { x: x - step * 0.3, y: height - barHeight, width: step * 0.6, height: barHeight, class: 'volume' }));
    if (d.close === null || d.close === undefined) return;
    const up = d.close >= d.open;
    root.append(svg('line', { x1: x, x2: x, y1: y(d.high), y2: y(d.low), class: up ? 'up' : 'down' }));
    const top = y(Math.max(d.open, d.close));
    root.append(
      svg('rect', {
        x: x - step * 0.3,
        y: top,
        width: step * 0.6,
        height: Math.max(1, y(Math.min(d.open, d.close)) - top),
        class: up ? 'up' : 'down',
      }),
    );
  });
  const rows = days.map(d => [
    d.tradingDate,
    num(cny(d.open)),
    num(cny(d.high)),
    num(cny(d.low)),
    num(cny(d.close)),
    num(quantity(d.volume)),
    num(cny(d.turnover)),
  ]);
  return h(
    'div',
    {},
    root,
    h('details', {}, h('summary', {}, t('days.table')), table(null, ['date', 'open', 'high', 'low', 'close', 'volume', 'turnover'], rows)),
  );
}
