import { api, isApiError } from '../api';
import { h, highlighted, render } from '../dom';
import { statusLabel } from './queue';

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
export async function listingView(main: HTMLElement, id: string): Promise<void> {
  const listing = await api<Detail>('GET', `/v1/listings/${id}`);
  const inReview = listing.status === 'awaiting_review';
  const message = h('p', { role: 'status', class: 'muted', id: 'feedback' });
  const fail = (e: unknown) => {
    message.className = 'error';
    message.textContent = isApiError(e)
      ? `${e.message}${
          e.fields
            ? `: ${Object.entries(e.fields)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}`
            : ''
        }`
      : 'Something went wrong';
  };
  const reload = () => listingView(main, id).catch(fail);

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
      disabled: !inReview,
    });
    inputs.set(name, input);
    return h(
      'div',
      {},
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
    listing.lastError ? h('p', { class: 'error' }, listing.lastError) : null,
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
                p.caption ?? p.imageOf ?? `Photo ${i + 1}`,
                p.quality?.captionSource
                  ? h(
                      'span',
                      { class: 'caption-source' },
                      ` · ${CAPTION_SOURCE_LABEL[p.quality.captionSource]}`,
                    )
                  : null,
              ),
              inReview
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
        h('div', { class: 'card fields' }, ...fieldEditors),
        h('h2', {}, 'Drafts'),
        listing.drafts.length ? null : h('p', { class: 'muted' }, 'No drafts yet.'),
        ...listing.drafts.map((d) => {
          const area = h('textarea', { id: `draft-${d.id}`, disabled: !inReview }, d.content);
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
    inReview
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
      : listing.status === 'expired'
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
