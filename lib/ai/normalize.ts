/**
 * The submission's words as one text the extractor reads and the operator sees evidence in:
 * each WhatsApp message cleaned, the burst's messages joined in the order sent, the agent's
 * later corrections appended as their own segments (a correction's values override the
 * burst's when the listing is extracted).
 */

export interface SourcePart {
  messageId: string;
  kind: 'submission' | 'correction';
  text: string;
}

export interface SourceSegment {
  messageId: string;
  kind: 'submission' | 'correction';
  start: number;
  end: number;
}

export interface SourceText {
  text: string;
  segments: SourceSegment[];
}

const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/**
 * Cleans one message: Unicode NFC, invisible marks out, WhatsApp's *bold* and _italic_
 * markers off their words, and ~struck-through~ words removed (agents strike an old price
 * to correct it: "~45k~ 42k"). Spaces collapse, line breaks stay (they separate facts).
 */
export function cleanMessage(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\r\n?/g, '\n')
    .replace(/(^|[\s(])~(?=\S)([^~\n]*\S)~(?=$|[\s).,!?:;])/gmu, '$1')
    .replace(/(^|[\s(])([*_])(?=\S)([^*_\n]*\S)\2(?=$|[\s).,!?:;])/gmu, '$1$3')
    .replace(/[ \t\u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Joins the burst's messages (one line break apart), then each correction (a blank line). */
export function composeSource(parts: readonly SourcePart[]): SourceText {
  let text = '';
  const segments: SourceSegment[] = [];
  const ordered = [
    ...parts.filter((p) => p.kind === 'submission'),
    ...parts.filter((p) => p.kind === 'correction'),
  ];
  for (const part of ordered) {
    const cleaned = cleanMessage(part.text);
    if (!cleaned) continue;
    if (text) text += part.kind === 'correction' ? '\n\n' : '\n';
    segments.push({
      messageId: part.messageId,
      kind: part.kind,
      start: text.length,
      end: text.length + cleaned.length,
    });
    text += cleaned;
  }
  return { text, segments };
}

/**
 * The spans the extractor reads separately: the burst as one (its messages describe one
 * property together), then each correction alone.
 */
export function readingsOf(source: SourceText): Array<{
  kind: 'submission' | 'correction';
  messageId: string | null;
  start: number;
  end: number;
}> {
  const submission = source.segments.filter((s) => s.kind === 'submission');
  const out: Array<{
    kind: 'submission' | 'correction';
    messageId: string | null;
    start: number;
    end: number;
  }> = [];
  const first = submission[0];
  const last = submission[submission.length - 1];
  if (first && last)
    out.push({ kind: 'submission', messageId: null, start: first.start, end: last.end });
  for (const s of source.segments) {
    if (s.kind === 'correction')
      out.push({ kind: 'correction', messageId: s.messageId, start: s.start, end: s.end });
  }
  return out;
}
