import { alt, AR_PREFIX, rx, WORD_END, WORD_START } from './text';

/**
 * The words around a number that tell the price rule what the number is: the asking price
 * ("price", "precio", "السعر"), a payment term ("دفعتين"), some other money (a deposit, a fee,
 * the pet rent, the building's administration), or no money at all (a size, a code, a house
 * number). All in folded form (lower case, no accents, Arabic letters unified).
 */

const PRICE_WORDS = [
  // en
  'price',
  'priced at',
  'rent',
  'rent is',
  'rental',
  'asking',
  'asking price',
  'listed at',
  'offered at',
  'starting at',
  'starts at',
  'start at',
  // es
  'precio',
  'valor',
  'venta',
  'vendo en',
  'se vende en',
  'arriendo',
  'canon',
  'alquiler',
  'renta',
  // pt
  'preco',
  'aluguel',
  'aluguer',
  'valor de venda',
  // ar (folded)
  'سعر',
  'السعر',
  'بسعر',
  'ايجار',
  'الايجار',
  'للايجار',
  'اجار',
  'لاجار',
  'الاجار',
  'مطلوب',
  'المطلوب',
  'السوم',
  'سوم',
  'القيمه',
  'قيمه',
  'الاجره',
];

/** Prepositions: they only add to a number that a currency or magnitude word marks as money. */
const WEAK_PRICE_WORDS = [
  'for',
  'at',
  'only',
  'from',
  'por',
  'en',
  'desde',
  'a partir de',
  'على',
  'ب',
];

/** Payment terms ("دفعتين" = in two instalments) describe the amount on either side. */
const PAYMENT_WORDS = ['دفعه', 'دفعتين', 'دفعات', 'الدفعه', 'على دفعتين', 'دفعه واحده'];

/** Money that is not the asking price, written before the amount. */
const OTHER_MONEY_WORDS = [
  'additional',
  'adicional',
  'extra',
  'applicant',
  'applicants',
  'admi',
  'pet rent',
  'pet fee',
  'pet deposit',
  'income',
  'insurance',
  'occupant',
  'occupants',
  'producing',
  'rebate',
  'concession',
  'parking',
  'garage',
  'garages',
  'storage',
  'carport',
  'fee',
  'fees',
  'deposit',
  'depo',
  'security',
  'application',
  'admin',
  'administration',
  'hoa',
  'service charge',
  // A building's running costs, by the name each market gives them.
  'strata',
  'strata fee',
  'strata fees',
  'body corporate',
  'levies',
  'common charges',
  'gastos comunes',
  'ground rent',
  // What the home is worth to a valuer, beside what the seller asks.
  'home report',
  'home report value',
  'valuation',
  'valued at',
  'appraised at',
  'avaluo',
  'utilities',
  'save',
  'discount',
  'off',
  'bonus',
  'credit',
  'administracion',
  'admon',
  'adm',
  'cuota',
  'expensas',
  'deposito de garantia',
  'comision',
  'condominio',
  'iptu',
  'taxa',
  'caucao',
  // Financing and running costs: what a buyer pays each month or up front, not the price.
  'mortgage',
  'payment',
  'payments',
  'down payment',
  'downpayment',
  // A Pakistani rent's "advance": the deposit paid up front.
  'advance',
  'token',
  'token amount',
  'booking amount',
  'maintenance',
  'mantenimiento',
  'mensualidad',
  'enganche',
  'entrada',
  'parcela',
  'parcelas',
  'sinal',
  'tax',
  'taxes',
  'rates',
  'contribuciones',
  'predial',
  'قسط',
  'القسط',
  'مقدم',
  'المقدم',
  'صيانه',
  'الصيانه',
  'الدفعه الاولى',
  'دفعه اولى',
  'دفعه مقدمه',
  // The price before a reduction: "was $450k now $420k".
  'was',
  'antes',
  'previously',
  'تامين',
  'التامين',
  'عموله',
  'العموله',
  'السعي',
  'رسوم',
  'الرسوم',
];

/**
 * The same, written after the amount: "$150 administration fee", "$246 monthly condo fee",
 * "$500 off", "$50 per adult", "$32 million renovation".
 */
export const OTHER_MONEY_AFTER = new RegExp(
  String.raw`^[^\S\n]*(?:(?:(?!plus|and|y|e|mas)[\p{L}-]+\s+){0,2}(?:fees?|charges?|deposit|rebate|concession|discount|credit|bonus|special)|(?:for|in)\s+(?:the\s+)?(?:pets?|garages?|parking|storage|laundry)|application|admin|administration|security|more|extra|additional|off(?!\s*-?\s*street)|per\s+(?:pet|adult|applicant|person|occupant)|(?:dollar\s+)?(?:renovation|conversion|remodel|project|development)|de\s+(?:administracion|admon|deposito)|service\s+charge|تامين|عموله|رسوم)${WORD_END}`,
  'u',
);

/**
 * What makes a bare number a code, a unit, a floor or a size rather than money: "COD 704",
 * "apto 302", "RQ10022", "مساحة 300".
 */
export const NOT_MONEY_BEFORE =
  /(?:(?:^|[^\p{L}])(?:cod|codigo|code|ref|id|mls|no|#|lote|apto|apt|unit|unidad|piso|floor|calle|carrera|cra|cl|av|avenida|street|interior|torre|tower|suite|box|tel|cel|cell|call|phone|whatsapp|contacto|contato|ligue|اتصل|للتواصل|جوال|واتس)\s*[:.#-]?\s*|[a-z])$/u;
/** A size label before the number: then "80M" is metres, not millions. */
export const SIZE_BEFORE =
  /(?:^|[^\p{L}])(?:area|size|superficie|metraje|mide|[وب]?(?:ال)?مساح(?:ه|ته|تها))\s*(?:de|of|:)?\s*$/u;
/**
 * Rent or fees of something else: "pet rent", "parking rent", "pet monthly rent", a leasehold's
 * "ground rent". On the same line only: "double garage\nPrice guide $1.4m" prices the house.
 */
export const OTHER_THING_BEFORE =
  /(?:^|[^\p{L}])(?:pet|pets|parking|garage|storage|laundry|w\/d|ground)[^\S\n]+(?:\p{L}+[^\S\n]+)?$/u;

/**
 * Earlier on the amount's line, words that make it the price of another unit or of an earlier
 * sale: "also a 4 bed next door at $520,000", "last sold 2016 for $390,000", "tambien hay otra
 * de 4 rec en $3.1 mdp", "vendida em 2015 por R$ 400 mil", "وكمان شقة تانية بـ", or of something
 * sold apart: "plaza de garaje opcional por 35.000 €", "garagem à parte por 25.000 €". No sentence
 * break may fall between, so "Also has a pool. $465,000" keeps its price.
 */
export const ANOTHER_PRICE_BEFORE = new RegExp(
  String.raw`(?:^|[^\p{L}])و?(?:also|another|other\s+units?|next\s+door|optional|separately|separate|opcional|aparte|a\s+parte|por\s+separado|last\s+sold|previously\s+sold|sold\s+(?:in|for|on)|bought\s+(?:in|for)|tambien|otra|otro|al\s+lado|se\s+vendio|vendid[oa]\s+en|comprad[oa]\s+en|tambem|outra|outro|ao\s+lado|vendid[oa]\s+em|comprad[oa]\s+em|ايضا|كمان|اخرى|تانيه|المجاوره|بيعت|اتباعت)(?![\p{L}])[^.!?
]*$`,
  'u',
);

/** "837 W 17th St": a house number. */
export const STREET_AFTER =
  /^\s+(?:[nsew]\.?\s+)?(?:\d+(?:st|nd|rd|th)|[\p{L}]+)(?:\s+[\p{L}]+)?\s+(?:st|street|ave|avenue|rd|road|blvd|dr|drive|ln|lane|ct|court|way|pl|place)(?![\p{L}])/u;

/** Units and nouns that make the number before them a size, a count or a time, not money. */
const NOT_MONEY_AFTER = String.raw`^[^\S\n]*(?:%|x\s?\d|m2|mts?2?|mt2|metros?|م\s?2|m${WORD_END}|sq|ft|square|acres?|ha${WORD_END}|bed|bd|br|bath|ba${WORD_END}|hab|alcob|habitac|banos?|quartos?|dormitorios?|suites?|garaj|parqueader|vagas?|pisos?|floors?|stor|anos|years?|yrs|months?|meses|dias|days|min|hrs|hours|horas|km|miles|millas|متر|م${WORD_END}|كم|غرف|حمام|دور|سنه|سنوات|شهر|اشهر|يوم|ايام|دقيقه|دقائق|ساعه|شارع)`;

/**
 * A bound of a range of prices for several units ("lofts from $399,000", "desde $2,300,000",
 * "a partir de R$ 520 mil", "تبدأ من 3 مليون", "up to $1495"): what the cheapest or dearest
 * unit costs, not this listing's price.
 */
export const FROM_BEFORE =
  /(?:^|[^\p{L}])(?:from|starting\s+(?:at|from)|starts?\s+(?:at|from)|up\s+to|desde|hasta|ate|a\s+partir\s+de|(?:ت|ي)?بد(?:ا|ء)\s+من|ابتداء\s+من|اعتبارا\s+من)[^\S\n]*[:.-]?[^\S\n]*$/u;

/**
 * A rate per unit of size, written after the amount ("$32/sqft/yr", "$250 por m2", "R$ 720/m2",
 * "1500 ريال للمتر") or before it ("price per m2 $150", "سعر المتر 3500"): not the total price.
 */
export const PER_SIZE_AFTER =
  /^[^\S\n]*(?:\/|per|por|a|el|the|each)[^\S\n]*(?:m2|mt2|mts2|m\b|sq\.?\s?(?:ft|m|yd)|sqft|sft|sf|ft2|square|metro|hectare|hectarea|ha\b|acre)|^[^\S\n]*(?:لل|ل|في\s+ال|بال)(?:متر|قدم|م2|هكتار)/u;
export const PER_SIZE_BEFORE =
  /(?:(?:per|por|el|the|a)[^\S\n]*(?:m2|mt2|sq\.?\s?ft|sqft|square\s+(?:foot|feet|meter|metre)|metro(?:\s+cuadrado)?|hectare|hectarea|acre)|(?:سعر|بسعر|قيمه)\s+(?:ال)?(?:متر|قدم))[^\S\n]*[:=-]?[^\S\n]*$/u;

/**
 * The price after a reduction follows the old one: "$450k now $420k", "4.2 millones, ahora
 * 3.9", "De R$ 750 mil por R$ 690 mil", "4.5 مليون والآن 4.2".
 */
export const REPLACED_BY_AFTER =
  /^[^\S\n]*[,!.;)-]?[^\S\n]*(?:now|ahora|agora|por|reduced\s+to|rebajad[oa]\s+a|->|→|والان|الان|الحين)[^\S\n]*(?:us\$|u\$s|r\$|\$|€|£|\d)/u;

const UNIT_KINDS = String.raw`(?:rec|recs|recamaras?|bed|beds|bedrooms?|br|bd|bhk|dorms?|dormitorios?|quartos?|qtos|hab|habs|habitacion(?:es)?|غرف|غرفه)`;

/**
 * A unit type written right before an amount, as in a development's price list ("2 rec $3.2
 * mdp · 3 rec $4.1 mdp · PH $6.5 mdp"): its room count, or the name of a unit with none.
 */
export const UNIT_LABEL_BEFORE = new RegExp(
  String.raw`(?:^|[^\p{L}\d])(?:(\d+)[^\S\n]*-?[^\S\n]*${UNIT_KINDS}|${AR_PREFIX}(غرفتين|غرفتان|اوضتين)|(studios?|estudios?|ph|penthouse|loft|lofts|duplex|townhouse|دوبلكس|دوبليكس|روف|ستوديو|استوديو))\.?[^\S\n]*[:=-]?[^\S\n]*$`,
  'u',
);
/** The room count a first line gives the listing: "Depa de 3 recámaras en preventa". */
export const UNIT_IN_TITLE = new RegExp(
  String.raw`(?:^|[^\p{L}\d])(\d+)[^\S\n]*-?[^\S\n]*${UNIT_KINDS}(?![\p{L}])`,
  'u',
);

/** A telephone number written as one run of digits with its trunk zero: "0551234567". */
export const PHONE_DIGITS = /^0\d{7,}$/;

/** Arabic nouns take possessive suffixes: "ايجارها" (its rent). */
const wordsPattern = (words: readonly string[]) =>
  rx(String.raw`${WORD_START}(?:${AR_PREFIX})?(?:${alt(words)})(?:ها|ه)?${WORD_END}`);

export const PRICE_WORD_PATTERN = wordsPattern(PRICE_WORDS);
export const WEAK_WORD_PATTERN = wordsPattern(WEAK_PRICE_WORDS);
export const PAYMENT_PATTERN = wordsPattern(PAYMENT_WORDS);
export const OTHER_MONEY_PATTERN = wordsPattern(OTHER_MONEY_WORDS);
export const NOT_MONEY_AFTER_PATTERN = new RegExp(NOT_MONEY_AFTER, 'u');
