import { h } from './dom';
import { inWords } from './api';

/** A labelled input; `id` is also its name. */
export function field(
  label: string,
  id: string,
  attrs: Record<string, string | boolean | number | undefined> = {},
): { row: HTMLDivElement; input: HTMLInputElement } {
  const input = h('input', { id, name: id, ...attrs });
  return { row: h('div', { class: 'field' }, h('label', { for: id }, label), input), input };
}

export function select(
  label: string,
  id: string,
  options: Array<[value: string, text: string]>,
  value?: string,
): { row: HTMLDivElement; input: HTMLSelectElement } {
  const input = h(
    'select',
    { id, name: id },
    ...options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)),
  );
  return { row: h('div', { class: 'field' }, h('label', { for: id }, label), input), input };
}

/** A live region for the result of an action: success in the muted style, failure in words. */
export function feedback(id = 'feedback') {
  const el = h('p', { role: 'status', class: 'muted', id });
  return {
    el,
    ok: (text: string) => {
      el.className = 'ok';
      el.textContent = text;
    },
    fail: (e: unknown) => {
      el.className = 'error';
      el.textContent = inWords(e);
    },
    clear: () => {
      el.className = 'muted';
      el.textContent = '';
    },
  };
}

/** Runs `work` with the button disabled, so a double click sends one request. */
export function busy(button: HTMLButtonElement, work: () => Promise<unknown>): Promise<unknown> {
  button.disabled = true;
  return work().finally(() => {
    button.disabled = false;
  });
}

export const when = (d: string | null | undefined) => (d ? new Date(d).toLocaleString() : '—');
