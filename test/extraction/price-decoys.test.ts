import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';

/**
 * The price among other money: payments, fees, old prices, rates per size, phone numbers,
 * "from" prices and price lists of unit types. An empty price beats a wrong one.
 */
const priceOf = (text: string, opts?: Parameters<typeof extractListing>[1]) =>
  extractListing(text, opts).fields.ListPrice?.value;

describe('price decoys', () => {
  it('a sample mortgage payment is not the price', () => {
    assert.equal(priceOf('3 bed house for sale $450,000\nEst. mortgage $2,300/mo'), 450_000);
  });

  it('maintenance next to a rent is not the rent', () => {
    const text = 'Depto en renta $18,000 al mes, Narvarte\nmantenimiento $2,500';
    assert.equal(priceOf(text, { defaultCurrency: 'MXN' }), 18_000);
  });

  it('an old price yields to the new one', () => {
    assert.equal(priceOf('Condo in Tampa, 2 bed 2 bath. Was $450k, now $420k!'), 420_000);
  });

  it('a rate per m2 is not the price', () => {
    const text = 'Oficina en venta 120 m2, $3,000,000 MXN\n$25,000 por m2';
    assert.equal(priceOf(text), 3_000_000);
  });

  it('a phone number is not the price', () => {
    assert.equal(priceOf('Casa 3 quartos R$ 850 mil\nContato 11987654321'), 850_000);
  });

  it('a development priced "from" names no price for a sale', () => {
    const e = extractListing('New launch: apartments from $300k, 1 to 3 beds, Brickell');
    assert.equal(e.fields.ListPrice, undefined);
    assert.equal(e.fields.ListingType?.value, 'sale');
  });

  it('a stated price beats a "from" price', () => {
    assert.equal(priceOf('Units from $300k.\nThis one: 2 bed, $345,000'), 345_000);
  });

  it('in a price list of unit types, the unit the first line names sets the price', () => {
    const text = 'Depto 3 rec en Polanco\n2 rec $3.2 mdp · 3 rec $4.1 mdp · PH $6.5 mdp';
    assert.equal(priceOf(text), 4_100_000);
    const unnamed = 'Torre nueva en Polanco\n2 rec $3.2 mdp · 3 rec $4.1 mdp · PH $6.5 mdp';
    assert.equal(priceOf(unnamed), undefined);
  });

  it('"Rs 3.5 L" is lakhs', () => {
    assert.equal(priceOf('2 BHK flat in Pune, Rs 3.5 L, 900 sqft'), 350_000);
  });

  it('"pw" is a weekly rent', () => {
    const e = extractListing('Unit for rent in Bondi, 2 bed, $550 pw');
    assert.equal(e.fields.ListPrice?.value, 550);
    assert.equal(e.fields.RentPeriod?.value, 'weekly');
  });

  it('a sale-sized price with no rent period points to a sale', () => {
    const e = extractListing('2 bed apartment in Austin, $385,000, pool');
    assert.equal(e.fields.ListingType?.value, 'sale');
  });
});

describe('sale cues from the price', () => {
  it('an asking or list price is a sale; a rent period still makes it a rent', () => {
    assert.equal(
      extractListing('Ranch home 3 bd 3 ba, asking 615k').fields.ListingType?.value,
      'sale',
    );
    assert.equal(
      extractListing('Listed at $480,000, 3 bed 2 bath').fields.ListingType?.value,
      'sale',
    );
    assert.equal(
      extractListing('2 bed flat, asking $2,100/month').fields.ListingType?.value,
      'rent',
    );
  });

  it("another unit's price or an earlier sale's does not replace the listing's", () => {
    const nextDoor =
      '3 bed 2 bath ranch for sale, Mesa\n$465,000\nalso a 4 bed next door at $520,000';
    assert.equal(priceOf(nextDoor, { defaultCurrency: 'USD' }), 465_000);
    const lastSold = '3 bed 2 bath home, Austin\n$475,000\nlast sold 2016 for $390,000';
    assert.equal(priceOf(lastSold, { defaultCurrency: 'USD' }), 475_000);
    const vendida = 'Casa à venda 3 quartos R$ 650 mil\nvendida em 2015 por R$ 400 mil';
    assert.equal(priceOf(vendida), 650_000);
    const otra = 'Casa 3 rec en venta $2,500,000\ntambién hay otra de 4 rec al lado en $3,100,000';
    assert.equal(priceOf(otra, { defaultCurrency: 'MXN' }), 2_500_000);
  });

  it('a sentence break ends the other-unit words: "Also has a pool. $465,000"', () => {
    assert.equal(priceOf('Ranch for sale, also has a pool. $465,000'), 465_000);
  });

  it('a price list by unit name prices the unit the first line names, rooms included', () => {
    const text =
      'New development, Unit B is the one for your client\nUnit A: 2 bed, $489,000\nUnit B: 3 bed, $559,000\nUnit C: 3 bed + loft, $615,000';
    const e = extractListing(text, { defaultCurrency: 'USD' });
    assert.equal(e.fields.ListPrice?.value, 559_000);
    assert.equal(e.fields.BedroomsTotal?.value, 3);
  });

  it('an Arabic price list: the dual "غرفتين" and a named type are units of their own', () => {
    const text = 'كمبوند في أكتوبر - المطلوب الشقة ٣ غرف\nغرفتين: ٢.٨ مليون\n٣ غرف: ٣.٦ مليون';
    assert.equal(priceOf(text, { defaultCurrency: 'EGP' }), 3_600_000);
  });
});
