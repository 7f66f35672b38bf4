import { alt, fold, WORD_END, WORD_START } from './text';

/**
 * The words that open a correction clause: an apology or a correction word ("sorry", "perdón",
 * "desculpa", "عفوا"), or a price change ("price drop", "bajó a", "baixou pra", "نزل السعر").
 * Written as agents spell them and folded once here (lower case, no accents, Arabic letters
 * unified), like the text they are matched against.
 */

const MARKERS = [
  // en
  'sorry',
  'correction',
  'corrected',
  'actually',
  'update',
  'updated',
  'typo',
  'my bad',
  'i meant',
  'i mean',
  'edit',
  'make that',
  'make it',
  'oops',
  'no wait',
  'scratch that',
  'price drop',
  'price dropped',
  'price reduced',
  'reduced to',
  'new price',
  'now asking',
  'dropped to',
  'lowered to',
  'lowered it to',
  // es
  'perdon',
  'perdona',
  'disculpa',
  'disculpen',
  'corrijo',
  'correccion',
  'corregido',
  'me equivoque',
  'quise decir',
  'mejor dicho',
  'en realidad',
  'fe de erratas',
  'actualizado',
  'actualizacion',
  'precio final',
  'nuevo precio',
  'rebajado a',
  'bajo a',
  'ahora pide',
  'quedo en',
  // pt
  'desculpa',
  'desculpe',
  'corrigindo',
  'correcao',
  'corrigido',
  'errei',
  'ops',
  'opa',
  'na verdade',
  'quis dizer',
  'atualizado',
  'atualizacao',
  'preco final',
  'novo preco',
  'baixou para',
  'preco baixou',
  'baixou pra',
  'abaixou pra',
  // ar (folded)
  'تصحيح',
  'عفوا',
  'اسف',
  'اسفه',
  'غلطه',
  'المقصود',
  'قصدي',
  'الصحيح',
  'بالغلط',
  'السعر النهايي',
  'السعر الجديد',
  'السعر صار',
  'صار السعر',
  'نزل السعر',
  // Apologies and "I mean" in each language, as agents write them.
  'my mistake',
  'meant to say',
  'should read',
  'revised',
  'amended',
  'apologies',
  'pardon',
  'error mío',
  'mi error',
  'me confundí',
  'perdóname',
  'perdonen',
  'rectifico',
  'foi mal',
  'quer dizer',
  'me enganei',
  'perdão',
  'retificando',
  'na real',
  'غلط مني',
  'الغلط مني',
  'غلطتي',
  'خطأ',
  'أقصد',
  'اعتذر',
  'معليش',
  'سوري',
  'تعديل',
  // Spoken asides that take a figure back mid-sentence: "são três banheiros, aliás quatro",
  // "150 متر لا معلش 130", "dois banheiros, não peraí são três", and Swahili "samahani".
  'aliás',
  'peraí',
  'pera aí',
  'espera aí',
  'معلش',
  'samahani',
  // A new figure without a correction word: "lo dejan en", "ficou em", "نزل إلى".
  'lo dejan en',
  'lo deja en',
  'la dejan en',
  'lo dejó en',
  'queda en',
  'bajaron a',
  'bajó el precio',
  'ahora es',
  'ahora son',
  'ahora está en',
  'ficou em',
  'ficou por',
  'agora é',
  'agora são',
  'agora está',
  'agora tá',
  // "It turns out": the owner's or the agent's second thought ("afinal são 3 quartos",
  // "resulta que son 2 baños", "turns out it's 4 beds").
  'afinal',
  'resulta que',
  'turns out',
  'reduziu para',
  'reduziu pra',
  'caiu para',
  'caiu pra',
  'نزل إلى',
  'نزلت إلى',
].map(fold);

export const MARKER = new RegExp(
  String.raw`${WORD_START}(?:${MARKERS.map((m) => m.replace(/ /g, String.raw`\s+`)).join('|')})${WORD_END}`,
  'gu',
);

/**
 * Words that say a figure changed only when one follows within two words: "now $420k", "now
 * 4 beds", "final: 2.3M", "ahora 3.9", "agora R$ 850 mil", "3 quartos, digo, 4", "أصبح 1.8
 * مليون", "صارت الغرف 4". Alone they are everyday words ("available now", "el final de la
 * calle"), so the figure is required, and the caller reads them only after the first line.
 */
const CHANGE_WORDS = [
  'now',
  'final',
  'ahora',
  'agora',
  'digo',
  'أصبح',
  'أصبحت',
  'صار',
  'صارت',
  'بقى',
  'بقت',
  'نزل',
  'نزلت',
].map(fold);
/** Words that may stand between the change word and its figure: "now only $x", "ahora es de". */
const LINK_WORDS = [
  'only',
  'just',
  'at',
  'is',
  "it's",
  'asking',
  'for',
  'to',
  'down',
  'priced',
  'listed',
  'the',
  'price',
  'rent',
  'es',
  'son',
  'en',
  'a',
  'de',
  'el',
  'precio',
  'solo',
  'si',
  'e',
  'sao',
  'em',
  'por',
  'pra',
  'para',
  'o',
  'preco',
  'so',
  'السعر',
  'الايجار',
  'الغرف',
  'المساحه',
  'الي',
  'عدد',
];
const FIGURE_AHEAD = String.raw`(?=[^\S\n]*[,:]?(?:[^\S\n]+(?:${alt(LINK_WORDS)})${WORD_END}){0,2}[^\S\n]*(?:[$€£₹₦]|r\$|us\$|u\$s)?[^\S\n]?\d)`;
export const CHANGE_TO = new RegExp(
  String.raw`${WORD_START}(?:${alt(CHANGE_WORDS)})${WORD_END}${FIGURE_AHEAD}`,
  'gu',
);

/**
 * A figure taken back mid-sentence as agents speak: "4 bhk no no 3 bhk", "piden doscientos
 * ochenta, bueno no, doscientos sesenta y cinco mil", "dois banheiros, não não, três". Alone
 * the words are everyday speech, so a figure must follow (in digits or words: the caller checks
 * the word) and one must stand before them on the line.
 */
const TAKE_BACK_WORDS = ['no no', 'bueno no', 'nao nao', 'لا لا'].map((w) =>
  fold(w).replace(/ /g, String.raw`[,!]?\s+`),
);
export const TAKE_BACK = new RegExp(
  String.raw`${WORD_START}(?:${TAKE_BACK_WORDS.join('|')})${WORD_END}(?=[^\S\n]*[,:]?[^\S\n]*(?<next>[$€£]|r\$|\d|\p{L}+))`,
  'gu',
);

/**
 * A correction withdrawn: "no wait, 3 was right", "no no, olvidad eso", "no, estaba bien",
 * "esquece, tava certo", "انسى، الأول صح". The fix before it is undone, not read again.
 */
const RETRACTIONS = [
  // en
  'was right',
  'was correct',
  'was fine',
  'ignore that',
  'ignore my last',
  'ignore the last',
  'disregard',
  'forget that',
  'forget what i said',
  'scratch my last',
  // es
  'estaba bien',
  'era correcto',
  'era lo correcto',
  'estaba correcto',
  'olvida eso',
  'olvidad eso',
  'olviden eso',
  'olvídalo',
  'olvídenlo',
  'ignora eso',
  'ignoren eso',
  'ignorad eso',
  'ignora lo anterior',
  'ignoren lo anterior',
  'no hagas caso',
  'no hagan caso',
  // pt
  'estava certo',
  'tava certo',
  'estava correto',
  'era isso mesmo',
  'era o correto',
  'esquece',
  'esquece isso',
  'esqueça',
  'esqueçam',
  'ignora isso',
  'ignorem',
  'desconsidera',
  'desconsidere',
  'desconsiderem',
  // ar
  'كان صح',
  'كان صحيح',
  'كان مضبوط',
  'هو الصح',
  'هو الصحيح',
  'الأول صح',
  'الأول صحيح',
  'تجاهل',
  'تجاهلوا',
  'انسى',
  'انسي',
  'انسوا',
].map(fold);
/**
 * "1.950.000 es correcto", "3 beds is right": the earlier figure said to be the right one. The
 * words are matched first and the figure looked for behind them, so that the pattern is not
 * tried at every digit of a listing.
 */
const IS_RIGHT = String.raw`(?:is|es|e)[^\S\n]+(?:right|correct|correcto|correcta|correto|correta|certo|certa)${WORD_END}`;
const FIGURE_BEHIND = String.raw`(?<=\d\S*(?:[^\S\n]+\p{L}+)?[^\S\n]+(?:is|es|e)[^\S\n]+\p{L}+)`;
/**
 * "no, 890 está bien", "السعر 230 زي ما هو": the earlier figure stands, said right after it.
 * Alone the words are everyday ones ("está bien ubicado"), so the figure is required.
 */
const STANDS = alt(
  [
    'esta bien',
    'ta bien',
    'queda igual',
    'sigue igual',
    'stands',
    'stays',
    'زي ما هو',
    'زي ما هي',
    'كما هو',
    'كما هي',
    'مثل ما هو',
  ].map(fold),
);
const STANDS_BEHIND = String.raw`(?:${STANDS})${WORD_END}(?<=\d\S*(?:[^\S\n]+\p{L}+)?[^\S\n]+(?:${STANDS}))`;
/** "não, afinal mantém-se 850", "se mantiene en 890": the figure that stands follows. */
const STAYS_AT = String.raw`(?:${alt(['mantem-se', 'se mantem', 'se mantiene en', 'se mantiene', 'sigue en', 'stays at', 'remains at', 'continua em'])})${WORD_END}(?=[^\S\n]*(?:[$€£]|r\$)?[^\S\n]?\d)`;
export const RETRACTION = new RegExp(
  String.raw`${WORD_START}(?:(?:${alt(RETRACTIONS)})${WORD_END}|${IS_RIGHT}${FIGURE_BEHIND}|${STANDS_BEHIND}|${STAYS_AT})`,
  'gu',
);

/**
 * What the owner would accept is no new asking price: "negotiable down to 6.2 crore", "acepta
 * ofertas desde 3.5M", "aceita propostas a partir de R$ 800 mil", "قابل للتفاوض حتى 1.8
 * مليون". A figure after these words corrects nothing; the asking price stays.
 */
const NEGOTIATION_WORDS = [
  // en
  'negotiable',
  'neg',
  'obo',
  'or best offer',
  'offers from',
  'offers over',
  'offers above',
  'offers around',
  'offers in excess of',
  'open to offers',
  'will take',
  'would take',
  'will accept',
  'would accept',
  'could go down',
  'can go down',
  'may go down',
  'willing to go',
  // es
  'negociable',
  'a tratar',
  'acepta',
  'aceptaría',
  'aceptan',
  'ofertas desde',
  'ofertas a partir',
  'escucha ofertas',
  'se puede negociar',
  'conversable',
  'puede bajar',
  // pt
  'negociável',
  'aceita',
  'aceitaria',
  'aceitam',
  'propostas a partir',
  'aceita propostas',
  'aceita proposta',
  'dá pra negociar',
  'dá pra baixar',
  'pode baixar',
  // ar
  'قابل للتفاوض',
  'للتفاوض',
  'تفاوض',
  'يقبل',
  'بيقبل',
  'ممكن ينزل',
  'قابل للنقاش',
].map(fold);
export const NEGOTIATION = new RegExp(
  String.raw`${WORD_START}(?:${alt(NEGOTIATION_WORDS)})${WORD_END}`,
  'u',
);
