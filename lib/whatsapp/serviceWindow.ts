import type { TemplateMessage } from './graphClient';

/**
 * WhatsApp delivers free-form messages only inside the customer-service window: 24 hours from
 * the person's last message to the business number. Outside it only a pre-approved template
 * goes through (a text is accepted by the API and then fails with error 131047 in a status
 * webhook, which the agent never sees).
 */
export const SERVICE_WINDOW_MS = 24 * 3600 * 1000;
/** A reply can wait in a retry before Meta takes it; a text decided at 23h59 could land late. */
export const SERVICE_WINDOW_MARGIN_MS = 10 * 60 * 1000;

export function insideServiceWindow(
  lastInboundAt: Date | null | undefined,
  now: Date = new Date(),
): boolean {
  if (!lastInboundAt) return false;
  return now.getTime() - lastInboundAt.getTime() < SERVICE_WINDOW_MS - SERVICE_WINDOW_MARGIN_MS;
}

/** Which approved template carries our replies outside the window (configuration). */
export interface ReplyTemplateConfig {
  /** Its body has one variable, `{{1}}`, that carries the reply's text. */
  name: string;
  /** One language code for every agency; by default it follows the agency's language. */
  languageCode?: string;
}

export const DEFAULT_REPLY_TEMPLATE = 'listing_update';

// Meta's codes for the translations a template is approved in.
const TEMPLATE_LANGUAGE: Record<string, string> = { en: 'en', es: 'es', pt: 'pt_BR', ar: 'ar' };

/**
 * The template message for a reply. Meta refuses a variable holding newlines, tabs or more than
 * four spaces in a row (error 132018), and a body over 1,024 characters, so the text is folded
 * onto one line and cut.
 */
export function replyTemplate(
  config: ReplyTemplateConfig | undefined,
  agencyLanguage: string,
  text: string,
): TemplateMessage {
  return {
    name: config?.name ?? DEFAULT_REPLY_TEMPLATE,
    languageCode: config?.languageCode ?? TEMPLATE_LANGUAGE[agencyLanguage] ?? 'en',
    bodyParams: [text.replace(/\s+/g, ' ').trim().slice(0, 900)],
  };
}
