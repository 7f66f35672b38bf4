/**
 * What a run says of itself in the Temporal UI's workflow list (`staticSummary`) and on its
 * page (`staticDetails`), set where it is started. Never a phone number: every UI user reads
 * these. Pure string work, so workflow code may import it.
 */

export const intakeSummary = (agencyId: string) => ({
  staticSummary: 'WhatsApp intake: one agent, bursts grouped into listings',
  staticDetails: `Agency ${agencyId}. Collects the agent's messages; a quiet window or "done" closes a burst into a listing workflow.`,
});

export const listingSummary = (input: {
  agencyId: string;
  listingId: string;
  source: 'whatsapp' | 'app';
  messages: number;
}) => ({
  staticSummary: `Listing ${input.listingId.slice(0, 8)} from ${input.source === 'app' ? 'the app' : 'WhatsApp'}, ${String(input.messages)} message${input.messages === 1 ? '' : 's'}`,
  staticDetails: `Agency ${input.agencyId}, listing ${input.listingId}. Drafts, waits for review, publishes; the status query shows the step.`,
});
