import { api, inWords } from '../api';
import { h, highlighted, render } from '../dom';
import type { Me } from '../me';
import { statusLabel } from './queue';
import { publicationsPanel, lifecycleActions, type Publications } from './publications';
import { socialPostsPanel, type SocialPost } from './socialPosts';

/** Where a photo's caption came from, as the operator reads it under the photo. */
const CAPTION_SOURCE_LABEL = {
  agent: "agent's caption",
  vision: 'vision model',
  fallback: 'fallback',
} as const;

interface Evidence {
  text: string;
}
interface Check {
  id?: string;
  severity?: string;
  message?: string;
  span?: { start: number; end: number };
}
interface Detail {
  id: string;
  status: string;
  title: string | null;
  lastError: string | null;
  fields: Record<string, { value: unknown; evidence: Evidence | null }>;
  photos: Array<{
    id: string;
    status: string;
    order: number | null;
    caption: string | null;
    imageOf: string | null;
    /** `captionSource`: the agent's WhatsApp caption, a vision model's, or a fallback. */
    quality?: { captionSource?: 'agent' | 'vision' | 'fallback' };
    url: string | null;
    skipReason: string | null;
  }>;
  messages: Array<{ id: string; kind: string; text: string | null; sentAt: string }>;
  drafts: Array<{
    id: string;
    kind: string;
    language: string;
    platform: string | null;
    content: string;
    checks: Check[];
  }>;
  timeline: Array<{
    at: string;
    action: string;
    actor: { type: string; id: string | null };
    data: Record<string, unknown>;
  }>;
  workflow: { id: string; url: string };
}

const NUMERIC = new Set([
  'ListPrice',
  'BedroomsTotal',
  'BathroomsTotalInteger',
  'BathroomsHalf',
  'LivingArea',
  'LotSizeArea',
  'YearBuilt',
  'ParkingTotal',
  'Latitude',
  'Longitude',
]);
const BOOLEAN = new Set(['Furnished', 'PetsAllowed']);

/**
 * One listing, laid out for a decision: what the agent sent (with the words each field came
 * from highlighted) beside what the system made of it, the drafts with their check flags, and
 * the actions.
 */
export async function listingView(main: HTMLElement, id: string, me: Me): Promise<void> {
  const [listing, publications, social] = await Promise.all([
    api<Detail>('GET', `/v1/listings/${id}`),
    api<Publications>('GET', `/v1/listings/${id}/publications`),
    api<{ data: SocialPost[] }>('GET', `/v1/listings/${id}/social-posts`),
  ]);
  const operator = me.role !== 'agent';
  const inReview = listing.status === 'awaiting_review';
  const inReviewByOperator = inReview && operator;
  // Captions stay editable after publication (a republish sends them to WordPress).
  const captionsEditable = ['awaiting_review', 'published', 'archived', 'failed'].includes(
    listing.status,
  );
  const message = h('p', { role: 'status', class: 'muted', id: 'feedback' });
  const fail = (e: unknown) => {
    message.className = 'error';
    message.textContent = inWords(e);
  };
  const here = location.hash;
  const reload = () => (location.hash === here ? listingView(main, id, me).catch(fail) : undefined);
  // While the workflow publishes, the page follows it.
  if (['approved', 'publishing'].includes(listing.status)) setTimeout(() => void reload(), 1500);

  // Highlight, in each message, the words a field was read from.
  const evidenceTexts = Object.values(listing.fields)
    .map((f) => f.evidence?.text)
    .filter((t): t is string => Boolean(t));
  const spansIn = (text: string) =>
    evidenceTexts.flatMap((t) => {
      const start = text.indexOf(t);
      return start >= 0 ? [{ start, end: start + t.length }] : [];
    });

  const inputs = new Map<string, HTMLInputElement>();
  const fieldEditors = Object.entries(listing.fields).map(([name, f]) => {
    const input = h('input', {
      id: `field-${name}`,
      name,
      value:
        f.value === null || f.value === undefined
          ? ''
          : String(f.value as string | number | boolean),
      disabled: !inReviewByOperator,
    });
    inputs.set(name, input);
    const empty = f.value === null || f.value === undefined || f.value === '';
    return h(
      'div',
      { class: empty ? 'empty-field' : '', hidden: empty },
      h('label', { for: `field-${name}` }, name),
      input,
      f.evidence
        ? h('div', { class: 'evidence' }, 'from “', h('mark', {}, f.evidence.text), '”')
        : null,
    );
  });

  const draftEditors = new Map<string, HTMLTextAreaElement>();
  const blocking = listing.drafts.flatMap((d) => d.checks.filter((c) => c.severity === 'blocking'));

  const photos = [...listing.photos].filter((p) => p.status === 'stored');
  const movePhoto = (index: number, to: number) => {
    const order = photos.map((p) => p.id);
    const [moved] = order.splice(index, 1);
    order.splice(to, 0, moved!);
    api('PATCH', `/v1/listings/${id}`, {
      photos: order.map((photoId, i) => ({ id: photoId, order: i })),
    }).then(reload, fail);
  };

  const captionEditor = (p: Detail['photos'][number], i: number) => {
    const input = h('input', {
      id: `caption-${p.id}`,
      value: p.caption ?? '',
      placeholder: p.imageOf ?? `Photo ${i + 1}`,
      'aria-label': `Caption of photo ${i + 1}`,
    });
    input.addEventListener('change', () => {
      api('PATCH', `/v1/listings/${id}`, {
        photos: [{ id: p.id, caption: input.value.trim() || null }],
      }).then(() => {
        message.className = 'ok';
        message.textContent = `Caption of photo ${i + 1} saved.`;
      }, fail);
    });
    return input;
  };

  const save = () => {
    const fields: Record<string, unknown> = {};
    for (const [name, input] of inputs) {
      const before = listing.fields[name]?.value;
      const raw = input.value.trim();
      const value =
        raw === ''
          ? null
          : NUMERIC.has(name)
            ? Number(raw)
            : BOOLEAN.has(name)
              ? raw === 'true'
              : raw;
      if (value !== (before ?? null)) fields[name] = value;
    }
    const drafts = listing.drafts
      .filter((d) => draftEditors.get(d.id)?.value !== d.content)
      .map((d) => ({ id: d.id, content: draftEditors.get(d.id)!.value }));
    if (!Object.keys(fields).length && !drafts.length) return Promise.resolve();
    return api('PATCH', `/v1/listings/${id}`, {
      ...(Object.keys(fields).length ? { fields } : {}),
      ...(drafts.length ? { drafts } : {}),
    });
  };
  const overrideReason = h('input', {
    id: 'override-reason',
    placeholder: 'Why the flagged text is acceptable',
  });
  const rejectReason = h('input', {
    id: 'reject-reason',
    placeholder: 'What the agent should fix',
  });

  render(
    main,
    h('p', {}, h('a', { href: '#/queue' }, '← Review queue')),
    h(
      'h1',
      {},
      listing.title ?? `Listing ${listing.id.slice(0, 8)}`,
      ' ',
      h(
        'span',
        { class: `status ${listing.status}`, id: 'listing-status' },
        statusLabel(listing.status),
      ),
    ),
    // A site's failure is shown on its row; repeat only what no row says.
    listing.lastError && !publications.data.some((p) => p.error === listing.lastError)
      ? h('p', { class: 'error', id: 'last-error' }, listing.lastError)
      : null,
    publicationsPanel(publications),
    operator ? lifecycleActions(id, listing.status, message, reload) : null,
    socialPostsPanel(id, social.data, operator, async () => {
      await reload();
    }),
    h(
      'div',
      { class: 'layout' },
      h(
        'section',
        { 'aria-labelledby': 'sent-title' },
        h('h2', { id: 'sent-title' }, 'What the agent sent'),
        h(
          'div',
          { class: 'messages' },
          ...listing.messages
            .filter((m) => m.text)
            .map((m) => h('div', { class: 'message' }, highlighted(m.text!, spansIn(m.text!)))),
        ),
        h('h2', {}, `Photos (${photos.length})`),
        h(
          'div',
          { class: 'photos' },
          ...photos.map((p, i) =>
            h(
              'figure',
              { class: `photo${i === 0 ? ' cover' : ''}` },
              p.url ? h('img', { src: p.url, alt: p.caption ?? `Photo ${i + 1}` }) : null,
              h(
                'figcaption',
                { class: 'meta' },
                i === 0 ? 'Cover · ' : '',
                captionsEditable && operator
                  ? captionEditor(p, i)
                  : (p.caption ?? p.imageOf ?? `Photo ${i + 1}`),
                p.quality?.captionSource
                  ? h(
                      'span',
                      { class: 'caption-source' },
                      ` · ${CAPTION_SOURCE_LABEL[p.quality.captionSource]}`,
                    )
                  : null,
              ),
              inReviewByOperator
                ? h(
                    'div',
                    { class: 'tools' },
                    h(
                      'button',
                      {
                        type: 'button',
                        'aria-label': `Move photo ${i + 1} earlier`,
                        disabled: i === 0,
                        onclick: () => movePhoto(i, i - 1),
                      },
                      '←',
                    ),
                    h(
                      'button',
                      {
                        type: 'button',
                        'aria-label': `Move photo ${i + 1} later`,
                        disabled: i === photos.length - 1,
                        onclick: () => movePhoto(i, i + 1),
                      },
                      '→',
                    ),
                    h(
                      'button',
                      { type: 'button', disabled: i === 0, onclick: () => movePhoto(i, 0) },
                      'Cover',
                    ),
                  )
                : null,
            ),
          ),
        ),
        ...listing.photos
          .filter((p) => p.status !== 'stored')
          .map((p) => h('p', { class: 'muted' }, `Skipped file: ${p.skipReason ?? p.status}`)),
        h('h2', {}, 'Timeline'),
        h(
          'ul',
          { class: 'timeline' },
          ...listing.timeline.map((t) =>
            h(
              'li',
              {},
              `${new Date(t.at).toLocaleString()} · ${t.action.replace('listing.', '').replace(/_/g, ' ')}${typeof t.data.to === 'string' ? ` → ${statusLabel(t.data.to)}` : ''}${typeof t.data.reason === 'string' ? `: ${t.data.reason}` : ''} (${t.actor.type})`,
            ),
          ),
        ),
        h(
          'p',
          {},
          h(
            'a',
            { href: listing.workflow.url, target: '_blank', rel: 'noopener' },
            'Open the workflow in Temporal',
          ),
        ),
      ),
      h(
        'section',
        { 'aria-labelledby': 'fields-title' },
        h('h2', { id: 'fields-title' }, 'Listing fields'),
        h(
          'div',
          { class: 'card fields', id: 'fields' },
          h(
            'button',
            {
              type: 'button',
              id: 'toggle-empty',
              'aria-pressed': 'false',
              onclick: (e: Event) => {
                const button = e.currentTarget as HTMLButtonElement;
                const show = button.getAttribute('aria-pressed') !== 'true';
                button.setAttribute('aria-pressed', String(show));
                button.textContent = show ? 'Hide empty fields' : 'Show empty fields';
                for (const el of main.querySelectorAll<HTMLElement>('.empty-field'))
                  el.hidden = !show;
              },
            },
            'Show empty fields',
          ),
          ...fieldEditors,
        ),
        h('h2', {}, 'Drafts'),
        listing.drafts.length ? null : h('p', { class: 'muted' }, 'No drafts yet.'),
        ...listing.drafts.map((d) => {
          const area = h(
            'textarea',
            { id: `draft-${d.id}`, disabled: !inReviewByOperator },
            d.content,
          );
          draftEditors.set(d.id, area);
          return h(
            'div',
            { class: 'draft' },
            h(
              'label',
              { for: `draft-${d.id}` },
              `${d.kind}${d.platform ? ` · ${d.platform}` : ''} · ${d.language}`,
            ),
            area,
            ...d.checks
              .filter((c) => c.severity === 'blocking' || c.severity === 'warning')
              .map((c) => h('div', { class: `flag ${c.severity}` }, c.message ?? c.id ?? 'check')),
          );
        }),
      ),
    ),
    message,
    inReviewByOperator
      ? h(
          'div',
          { class: 'actions' },
          h(
            'button',
            { type: 'button', id: 'save', onclick: () => save().then(reload, fail) },
            'Save edits',
          ),
          blocking.length
            ? h(
                'div',
                { class: 'reason' },
                h(
                  'label',
                  { for: 'override-reason' },
                  `Override ${blocking.length} blocking flag(s)`,
                ),
                overrideReason,
              )
            : null,
          h(
            'button',
            {
              type: 'button',
              class: 'primary',
              id: 'approve',
              onclick: () =>
                save()
                  .then(() =>
                    api(
                      'POST',
                      `/v1/listings/${id}/approve`,
                      blocking.length && overrideReason.value.trim()
                        ? {
                            overrides: blocking.map((c) => ({
                              checkId: c.id ?? '',
                              reason: overrideReason.value.trim(),
                            })),
                          }
                        : {},
                    ),
                  )
                  .then(reload, fail),
            },
            'Approve',
          ),
          h(
            'div',
            { class: 'reason' },
            h('label', { for: 'reject-reason' }, 'Reason to reject'),
            rejectReason,
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              id: 'reject',
              onclick: () =>
                api('POST', `/v1/listings/${id}/reject`, { reason: rejectReason.value }).then(
                  reload,
                  fail,
                ),
            },
            'Reject',
          ),
        )
      : listing.status === 'expired' && operator
        ? h(
            'div',
            { class: 'actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'primary',
                onclick: () => api('POST', `/v1/listings/${id}/reopen`).then(reload, fail),
              },
              'Reopen for review',
            ),
          )
        : null,
  );
}
