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
  String.raw`${WORD_START}(?:master|guest|hall|main|second|third|kids|jack\s+and\s+jill|ensuite|en-suite|shared|family)\s+(?:bath|bathroom)${WORD_END}|${WORD_START}(?:bano|banheiro)\s+(?:principal|de\s+visitas|social|de\s+servicio|de\s+servico|completo)${WORD_END}`,
);
/**
 * A half bath named without a count, after the other bathrooms: "3 banheiros + lavabo",
 * "one bathroom and a downstairs loo".
 */
export const TRAILING_HALF_BATH = String.raw`(?:\+|,|\by|\be|\band)\s*(?:(?:un|um|a|one)\s+)?(?<w>lavabo|toilette|aseo|medio\s+bano|half\s+bath|powder\s+room|(?:(?:downstairs|guest|ground\s+floor)\s+)?(?:loo|cloakroom))${WORD_END}`;
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
