import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';

/** Sale or rent told only by the words a local uses, and the figures beside the price. */
const read = (text: string, defaultCurrency = 'USD') => extractListing(text, { defaultCurrency });
const dealOf = (text: string, defaultCurrency?: string) =>
  read(text, defaultCurrency).fields.ListingType?.value;
const priceOf = (text: string, defaultCurrency?: string) =>
  read(text, defaultCurrency).fields.ListPrice?.value;

describe('local deal words', () => {
  it('Maghrebi "للكراء" lets; Swahili "inauzwa" sells, "inapangishwa" lets', () => {
    assert.equal(dealOf('دار للكراء في طنجة، 2 بيوت، 4500 درهم', 'MAD'), 'rent');
    assert.equal(dealOf('Nyumba inauzwa Ruiru, 4 bedroom, Ksh 9M', 'KES'), 'sale');
    assert.equal(dealOf('Nyumba inapangishwa Kilimani, 2 bedroom, Ksh 60,000', 'KES'), 'rent');
  });

  it('a British guide price, offers in the region of, an auction: a sale', () => {
    assert.equal(dealOf('2 bed cottage, Hexham\nGuide price £310,000', 'GBP'), 'sale');
    assert.equal(dealOf('Studio flat, Leith\nOIRO £98,000', 'GBP'), 'sale');
    assert.equal(dealOf('Going to auction next week, 3 bed semi, Hove', 'GBP'), 'sale');
  });

  it('"تمليك" is a flat to own; serious buyers only is a sale', () => {
    assert.equal(dealOf('شقة تمليك في جدة، 3 غرف', 'SAR'), 'sale');
    assert.equal(dealOf('4 bed semi detached duplex, Lekki\nserious buyers only', 'NGN'), 'sale');
  });

  it('a home available on a given day is let', () => {
    assert.equal(dealOf('1 bed flat, Hackney, £1,900\navailable from 3rd June', 'GBP'), 'rent');
    assert.equal(dealOf('Depto en Belgrano, 2 amb\ndisponible desde el 15 de agosto'), 'rent');
    assert.equal(dealOf('Apto em Pinheiros, 1 quarto\ndisponível a partir do dia 5'), 'rent');
    // A count after "available" is no date.
    assert.equal(dealOf('Available 2 bed flat in Hackney'), undefined);
  });

  it("a ground rent is a leasehold sale's running cost, not a rent", () => {
    const text = '1 bed flat, Leeds LS1\nOffers over £140,000\nground rent £150 pa';
    assert.equal(dealOf(text, 'GBP'), 'sale');
    assert.equal(priceOf(text, 'GBP'), 140_000);
  });
});

describe('figures beside the price', () => {
  it('strata fees and a home report value are not the price', () => {
    assert.equal(priceOf('Burnaby 1 bed condo\n$689,000\nstrata $410/mo', 'CAD'), 689_000);
    const text = 'Glasgow West End 3 bed flat\nOffers over £210,000\nHome Report value £225,000';
    assert.equal(priceOf(text, 'GBP'), 210_000);
  });

  it('a garage at the end of a line, or before a comma, does not hide the price', () => {
    assert.equal(priceOf('3 bed house, single garage\nGuide $720,000', 'AUD'), 720_000);
    assert.equal(priceOf('Bungalow, 3 bed, double garage, $540,000', 'CAD'), 540_000);
  });

  it("a currency sign opening the next line belongs to that line's amount", () => {
    const text = 'Depa en preventa, 2 rec, entrega 2027\n$3,900,000 MXN';
    assert.equal(priceOf(text, 'MXN'), 3_900_000);
  });
});

describe('the price tells the deal', () => {
  it('where rents are monthly, lakhs, millions of pounds and shillings are sale prices', () => {
    assert.equal(dealOf('3BHK Kharadi Pune, 1250 sqft, 85 lakh', 'INR'), 'sale');
    assert.equal(dealOf('شقة في المعادي 140 متر 4 مليون جنيه', 'EGP'), 'sale');
    assert.equal(dealOf('Maisonette in Syokimau, 3 bedroom, Ksh 7.5M', 'KES'), 'sale');
  });

  it("a year's rent in the Gulf is not mistaken for a sale price", () => {
    assert.equal(dealOf('Villa in Arabian Ranches, 4 bed, AED 280,000', 'AED'), undefined);
  });

  it('a price corrected to a sale-sized figure makes it a sale', () => {
    assert.equal(dealOf('Casa em Itapuã, 3 quartos\nR$ 150 mil\nops, R$ 1,5 mi', 'BRL'), 'sale');
  });
});

describe('rent periods', () => {
  it('French "/mois" and "par mois", and the Brazilian "pacote", are monthly rents', () => {
    const quebec = read('4 1/2 à Verdun, 2 chambres\n1450$/mois', 'CAD').fields;
    assert.equal(quebec.ListingType?.value, 'rent');
    assert.equal(quebec.RentPeriod?.value, 'monthly');
    const moroccan = read('Casablanca, appartement, 6000 DH par mois', 'USD').fields;
    assert.equal(moroccan.RentPeriod?.value, 'monthly');
    assert.equal(moroccan.Currency?.value, 'MAD');
    const pacote = read('Studio em Moema, 30m²\nR$ 3.400 pacote', 'BRL').fields;
    assert.equal(pacote.ListingType?.value, 'rent');
    assert.equal(pacote.ListPrice?.value, 3400);
  });

  it("a period written before the amount is the rent's", () => {
    const text = '1 bed in Business Bay, monthly 7,500 AED, chiller free';
    const fields = read(text, 'AED').fields;
    assert.equal(fields.ListingType?.value, 'rent');
    assert.equal(fields.RentPeriod?.value, 'monthly');
    assert.equal(fields.ListPrice?.value, 7500);
  });
});

describe("a development's starting price", () => {
  it('is the price of the one unit the text describes in full', () => {
    const one = 'Lançamento em Pinheiros, 3 quartos, 98m², 2 vagas\na partir de R$ 1.250.000';
    assert.equal(priceOf(one, 'BRL'), 1_250_000);
    const many = 'Lançamento em Pinheiros: unidades de 1 e 2 quartos a partir de R$ 520 mil';
    assert.equal(priceOf(many, 'BRL'), undefined);
  });
});
