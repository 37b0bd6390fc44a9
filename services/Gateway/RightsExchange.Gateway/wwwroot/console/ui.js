// Building blocks of the pages: elements (text only, never HTML from data), labels in two languages, formats.

import { labels } from './labels.js';

const languageKey = 'rx.console.language';

/** The page language: 'zh' or 'en' (chosen with the switch, else the browser's). */
export function language() {
  const chosen = localStorage.getItem(languageKey);
  if (chosen === 'zh' || chosen === 'en') return chosen;
  return navigator.language?.startsWith('zh') ? 'zh' : 'en';
}

export function setLanguage(value) {
  localStorage.setItem(languageKey, value);
}

/**
 * The label for key in the page language. Without one, the key after its first dot (a value the API sent, such as a
 * status, shows as sent) or the key itself, so a gap shows rather than hides.
 */
export function t(key) {
  return labels[language()][key] ?? labels.en[key] ?? key.slice(key.indexOf('.') + 1);
}

/**
 * An element: h('td', { class: 'num' }, 'text', child). Strings become text nodes; attributes starting with "on" are
 * listeners; false, null and undefined children are skipped.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A table with a caption, headings (label keys) and rows of cells (numbers right-aligned when class num). */
export function table(caption, headings, rows, options = {}) {
  return h(
    'table',
    { class: options.class, 'data-testid': options.testId },
    caption ? h('caption', {}, caption) : null,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headings.map(key => h('th', { scope: 'col' }, t(key))),
      ),
    ),
    h(
      'tbody',
      {},
      rows.length
        ? rows.map(cells =>
            h(
              'tr',
              {},
              cells.map(cell => (cell instanceof Node && cell.tagName === 'TD' ? cell : h('td', {}, cell))),
            ),
          )
        : h('tr', {}, h('td', { colspan: headings.length, class: 'empty' }, t('none'))),
    ),
  );
}

export function num(value) {
  return h('td', { class: 'num' }, value);
}

const zone = 'Asia/Shanghai';

function locale() {
  return language() === 'zh' ? 'zh-CN' : 'en-GB';
}

/** CNY with two decimals, as the ledger keeps it. */
export function cny(amount) {
  if (amount === null || amount === undefined) return '–';
  return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'CNY', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    amount,
  );
}

/** A quantity with its unit (tCO2e, t/yr, m3/yr...), to six decimals: finer than any quantity step listed. */
export function quantity(amount, unit) {
  if (amount === null || amount === undefined) return '–';
  const text = new Intl.NumberFormat(locale(), { maximumFractionDigits: 6 }).format(amount);
  return unit ? `${text} ${unit}` : text;
}

/** An instant in Asia/Shanghai, to the second: 2026-12-07 14:55:22 in either language. */
export function time(instant) {
  if (!instant) return '–';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map(p => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The instant a datetime-local value ("2026-12-07T10:00") names in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiInstant(local) {
  return local ? new Date(`${local.length === 16 ? `${local}:00` : local}+08:00`).toISOString() : null;
}

/** Today's date in Asia/Shanghai, yyyy-MM-dd. */
export function shanghaiToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A message box for a refusal: the API's reason code and its detail, as the API gave them. */
export function problemBox(error) {
  const reason = error.reason ? h('code', {}, error.reason) : null;
  return h(
    'div',
    { class: 'problem', role: 'alert', 'data-testid': 'problem' },
    h('strong', {}, t('refused')),
    ' ',
    reason,
    reason ? ' ' : '',
    error.message,
  );
}

/** Runs work, showing its refusal (or failure) in place of into's content when it throws. */
export async function guarded(into, work) {
  try {
    await work();
  } catch (error) {
    if (error.name === 'AbortError') return;
    into.replaceChildren(problemBox(error));
  }
}

/** A labelled form field: label text (key) above the control. */
export function field(key, control) {
  const id = control.id || `f-${key}-${Math.random().toString(36).slice(2, 8)}`;
  control.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, t(key)), control);
}

/** A section with a heading (label key). */
export function section(key, ...children) {
  return h('section', { 'aria-labelledby': `h-${key}` }, h('h2', { id: `h-${key}` }, t(key)), ...children);
}
