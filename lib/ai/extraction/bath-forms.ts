import type { Language } from '../../domain/listing';
import { countPattern } from './numbers';
import { rx, WORD_END, WORD_START } from './text';

/**
 * The ways agents write bathrooms besides "N baths": named one by one, a half bath after the
 * full ones, "a bath and a half", "2 full + 1 half". Patterns run on the folded text.
 */

/**
 * Bathrooms named one by one, with no count ("master bath, guest bath, hall bath"): each is
 * one bathroom. Used only when no count of bathrooms is written.
 */
export const NAMED_BATH = rx(
  String.raw`${WORD_START}(?:master|guest|hall|main|second|third|kids|jack\s+and\s+jill|ensuite|en-suite|shared|family)\s+(?:bath|bathroom)${WORD_END}|${WORD_START}(?<!medio\s)(?:bano|banheiro)\s+(?:principal|de\s+visitas|social|de\s+servicio|de\s+servico|completo|de\s+alcoba)${WORD_END}`,
);
/**
 * A half bath named without a count, after the other bathrooms: "3 banheiros + lavabo",
 * "one bathroom and a downstairs loo", Nigeria's "4 baths + visitors toilet", Peru's "baño de
 * visita". A toilet or WC counts as a half bath only when it is the guests' or downstairs one.
 */
export const TRAILING_HALF_BATH = String.raw`(?:\+|,|\by|\be|\band)\s*(?:(?:un|um|a|one)\s+)?(?<w>lavabo|toilette|aseo|medio\s+bano|bano\s+de\s+visitas?|half\s+bath|powder\s+room|(?:(?:downstairs|guest|ground\s+floor)\s+)?(?:loo|cloakroom)|(?:downstairs|guests?'?|visitors?'?|ground\s+floor)\s+(?:toilet|wc))${WORD_END}`;
/** The same in Arabic: "3 حمامات + حمام ضيوف", "وحمام صغير للضيوف" (a guests' bathroom). */
export const AR_GUEST_BATH = String.raw`(?:\+|،|,|و)\s*(?<w>حمام\s*(?:صغير\s*)?(?:لل|ل)?ضيوف)${WORD_END}`;
/**
 * "4 suítes (cada uma com banheiro)", "4 recámaras con baño c/u", "3 bedrooms each with its own
 * bathroom", "4 bedrooms all en suite": as many bathrooms as the rooms counted. The evidence
 * (group `w`) is the bathroom part, so the count of bedrooms stays a mention of its own.
 */
export function eachWithBath(language: Language, roomNouns: string): RegExp {
  const own = String.raw`(?:su\s+|seu\s+|its\s+own\s+|their\s+own\s+|own\s+|a\s+|an\s+|private\s+)?`;
  const bath = String.raw`(?:bano|banheiro|bathroom|bath|en-?\s?suite)`;
  return rx(
    String.raw`(?<n>${countPattern(language)})\s*(?:${roomNouns})${WORD_END}\s*[(,]?\s*(?<w>(?:con|com|with)\s+${own}${bath}\s*(?:propio\s+|privado\s+)?(?:c/u|cada\s+un[oa]|cada\s+um|each)|(?:cada\s+um[a]?|cada\s+un[oa]|each|all)\s+(?:(?:con|com|with)\s+${own})?${bath})${WORD_END}`,
  );
}
export const HALF_AFTER_NOUN = String.raw`\s+(?:y\s+medio|e\s+meio|and\s+a\s+half|y\s+1/2)${WORD_END}`;
/** "a bath and a half", "baño y medio", "banheiro e meio", "حمام ونص": one and a half. */
export const BATH_AND_A_HALF = String.raw`${WORD_START}(?:(?:a|one|un|um)\s+|و)?(?<w>(?:bath|bathroom|bano|banheiro)\s+(?:and\s+a\s+half|y\s+medio|e\s+meio)|حمام\s+و\s?(?:نص|نصف))${WORD_END}`;
/**
 * "2 full + 1 half bath", and "2 full 1 half" as agents shorten it: the full count, to which
 * the half bath then adds.
 */
export function fullBeforeHalf(language: Language): RegExp {
  return rx(
    String.raw`(?<n>${countPattern(language)})\s*full(?=\s*(?:(?:\+|&|,|and|plus)\s*)?(?:\d|one|a)\s*half)`,
  );
}
