/**
 * A tiny element builder. Text always goes in as text nodes, never as HTML, so what agents
 * type (or what a model writes) cannot inject markup into the operator's page.
 */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function')
      el.addEventListener(key.replace(/^on/, '').toLowerCase(), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function render(target: HTMLElement, ...children: Child[]): void {
  target.replaceChildren();
  for (const child of children)
    if (child !== null && child !== undefined && child !== false)
      target.append(child instanceof Node ? child : String(child));
}

/** Text with the given [start, end) spans wrapped in <mark> (evidence highlighting). */
export function highlighted(
  text: string,
  spans: Array<{ start: number; end: number }>,
): DocumentFragment {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at || span.end > text.length || span.end <= span.start) continue;
    frag.append(text.slice(at, span.start), h('mark', {}, text.slice(span.start, span.end)));
    at = span.end;
  }
  frag.append(text.slice(at));
  return frag;
}
