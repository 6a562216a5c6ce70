// Small DOM helpers: element building, relative times, toasts, inline confirm.

/**
 * h('button', {class: 'btn', dataset: {test: 'x'}, onclick: fn}, 'Label')
 * Attributes starting with "on" become listeners; null/false attributes are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key in el && typeof value !== 'string') el[key] = value; // e.g. disabled, checked
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

const relFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS = [['year', 31536e6], ['month', 2592e6], ['week', 6048e5], ['day', 864e5],
  ['hour', 36e5], ['minute', 6e4], ['second', 1e3]];

/** "3 minutes ago" / "in 24 hours" for an ISO time. */
export function relative(iso, now = Date.now()) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const diff = t - now;
  if (Math.abs(diff) < 45e3) return diff < 0 ? 'just now' : 'in a few seconds';
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') return relFormat.format(Math.round(diff / ms), unit);
  }
  return '';
}

/** A <time> showing a relative time, with the ISO time in its title; refreshed by tickTimes(). */
export function timeEl(iso, fallback = 'never') {
  if (!iso) return h('span', { class: 'muted' }, fallback);
  return h('time', { datetime: iso, title: iso, 'data-rel': '' }, relative(iso));
}

/** Keeps relative times current without re-rendering views. */
export function tickTimes(root = document) {
  for (const el of root.querySelectorAll('time[data-rel]')) el.textContent = relative(el.dateTime);
}

/** A transient message in the live toast region; kind = info | success | error. */
export function toast(message, kind = 'info', ms = 6000) {
  const region = document.getElementById('toasts');
  if (!region || !message) return;
  const item = h('div', { class: `toast toast-${kind}`, dataset: { test: 'toast', kind } },
    h('span', {}, message),
    h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss message', onclick: () => item.remove() }, '×'));
  region.append(item);
  while (region.children.length > 4) region.firstElementChild.remove(); // the newest few are enough
  setTimeout(() => item.remove(), ms);
}

/**
 * Replaces `button` with "question? [Confirm] [Cancel]" in place: no window.confirm,
 * so it stays keyboard-usable and easy to drive from browser tests.
 */
export function confirmInline(button, question, onConfirm) {
  const box = h('span', { class: 'confirm', role: 'group', 'aria-label': question },
    h('span', {}, question + ' '),
    h('button', { type: 'button', class: 'btn btn-danger btn-small', dataset: { test: 'confirm-yes' },
      onclick: async () => { box.replaceWith(button); await onConfirm(); } }, 'Confirm'),
    h('button', { type: 'button', class: 'btn btn-small', dataset: { test: 'confirm-no' },
      onclick: () => { box.replaceWith(button); button.focus(); } }, 'Cancel'));
  button.replaceWith(box);
  box.querySelector('button').focus();
}

/** Disables a button while `work` runs, so double clicks don't send twice. */
export async function busy(button, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try { return await work(); } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}
