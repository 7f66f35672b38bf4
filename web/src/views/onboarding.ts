import { api } from '../api';
import { h, render } from '../dom';
import type { Me } from '../me';

interface Onboarding {
  steps: Array<{ id: string; done: boolean }>;
  complete: boolean;
}

const STEPS: Record<string, { title: string; href: string; help: string }> = {
  whatsapp: {
    title: 'Connect WhatsApp',
    href: '#/whatsapp',
    help: 'The business number your agents send properties to.',
  },
  agents: {
    title: 'Invite agents',
    href: '#/team',
    help: 'Add each agent with their WhatsApp number, so their messages become listings.',
  },
  wordpress: {
    title: 'Connect WordPress',
    href: '#/wordpress',
    help: 'Where approved listings are published.',
  },
  first_listing: {
    title: 'Send a first listing',
    href: '#/queue',
    help: 'An agent sends a few lines and photos of a property to the WhatsApp number, then "done".',
  },
};

/** The new agency's checklist; each step reads the real state, so it ticks itself. */
export async function onboardingView(main: HTMLElement, me: Me): Promise<void> {
  const state = await api<Onboarding>('GET', '/v1/onboarding');
  const left = state.steps.filter((s) => !s.done).length;
  render(
    main,
    h('h1', {}, `Get ${me.agency.name} started`),
    h(
      'p',
      { class: 'muted', id: 'onboarding-progress' },
      state.complete ? 'All set: the agency is ready.' : `${4 - left} of 4 steps done.`,
    ),
    h(
      'ol',
      { class: 'checklist' },
      ...state.steps.map((s) => {
        const step = STEPS[s.id]!;
        return h(
          'li',
          { class: s.done ? 'done' : 'todo', 'data-step': s.id },
          h('span', { class: 'tick', 'aria-hidden': 'true' }, s.done ? '✓' : '○'),
          h(
            'div',
            {},
            h('a', { href: step.href }, step.title),
            h('span', { class: 'sr-only' }, s.done ? ' (done)' : ' (to do)'),
            h('div', { class: 'muted' }, step.help),
          ),
        );
      }),
    ),
  );
}
