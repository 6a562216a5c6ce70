// A list that loads a page at a time and offers "Load more" while the API
// answers an X-Next-Cursor header.

import { h, replace } from '../dom.js';

/**
 * fetchPage(cursor) -> {items, nextCursor}; renderItem(item) -> element.
 * Returns the list's element and reload(), which starts again from the first page.
 */
export function pagedList({ label, fetchPage, renderItem, emptyText, testId = 'list', keyOf }) {
  const list = h('ul', { class: 'list', 'aria-label': label, dataset: { test: testId } });
  const status = h('p', { class: 'list-status', role: 'status' });
  const more = h('button', { type: 'button', class: 'btn', hidden: true, dataset: { test: 'load-more' }, onclick: () => load(cursor) },
    'Load more');
  let cursor = null;
  let generation = 0; // ignores answers to a page request made before the last reload

  async function load(from) {
    const mine = generation;
    more.disabled = true;
    status.textContent = from ? 'Loading more…' : 'Loading…';
    try {
      const { items, nextCursor } = await fetchPage(from);
      if (mine !== generation) return;
      if (!from) replace(list);
      for (const item of items) list.append(renderItem(item));
      cursor = nextCursor;
      more.hidden = !nextCursor;
      status.textContent = list.children.length ? '' : emptyText;
    } catch (err) {
      if (mine !== generation) return;
      status.textContent = err.message;
      status.classList.add('error');
    } finally {
      more.disabled = false;
    }
  }

  function reload() {
    generation += 1;
    cursor = null;
    status.classList.remove('error');
    return load(null);
  }

  /** Puts a live item first, replacing the same item if it is already shown. */
  function upsert(item) {
    if (!keyOf) return;
    const key = keyOf(item);
    const existing = [...list.children].find(el => el.dataset.key === key);
    const el = renderItem(item);
    if (existing) existing.replaceWith(el);
    else list.prepend(el);
    status.textContent = '';
  }

  return { element: h('div', { class: 'paged' }, list, status, more), reload, upsert, list };
}
