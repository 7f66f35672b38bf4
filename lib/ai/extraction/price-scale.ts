/**
 * How large a price is, whatever the currency: a rough number of units per US dollar, only
 * good to tell a house price from a rent. An amount worth $100,000 or more with no rent
 * period after it is a sale price: no month's or year's rent in these markets comes near it.
 * Where rents are quoted by the month and homes cost less (India, Egypt, Kenya, Morocco, Latin
 * America), $40,000 is already far beyond any month's rent: "62 lakh", "3 مليون جنيه". Where a
 * year's rent is the usual quote (the Gulf, Nigeria) the floor stays at $100,000.
 */

const UNITS_PER_USD: Record<string, number> = {
  USD: 1,
  CAD: 1.35,
  AUD: 1.5,
  NZD: 1.65,
  EUR: 0.92,
  GBP: 0.79,
  MXN: 18,
  COP: 4000,
  ARS: 1000,
  CLP: 900,
  CLF: 0.026,
  BRL: 5,
  INR: 83,
  PKR: 280,
  SAR: 3.75,
  QAR: 3.64,
  AED: 3.67,
  EGP: 48,
  JOD: 0.71,
  KWD: 0.31,
  BHD: 0.38,
  OMR: 0.38,
  NGN: 1500,
  KES: 130,
  MAD: 10,
  PEN: 3.75,
};

const SALE_SIZED_USD = 100_000;
const MONTHLY_RENT_MARKETS = new Set([
  'INR',
  'PKR',
  'EGP',
  'KES',
  'MAD',
  'MXN',
  'COP',
  'ARS',
  'CLP',
  'PEN',
  'BRL',
]);
const SALE_SIZED_USD_MONTHLY_MARKET = 40_000;

/** Whether `value` in `currency` is a sale-sized amount; false when the currency is unknown. */
export function isSaleSized(value: number, currency: string | undefined): boolean {
  const rate = currency ? UNITS_PER_USD[currency] : undefined;
  if (rate === undefined || !currency) return false;
  const floor = MONTHLY_RENT_MARKETS.has(currency) ? SALE_SIZED_USD_MONTHLY_MARKET : SALE_SIZED_USD;
  return value / rate >= floor;
}
