import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';
import { expectField } from './expect';

type Opts = { defaultCurrency: string };
const usd: Opts = { defaultCurrency: 'USD' };
const mxn: Opts = { defaultCurrency: 'MXN' };
const brl: Opts = { defaultCurrency: 'BRL' };
const sar: Opts = { defaultCurrency: 'SAR' };

const fields = (text: string, opts: Opts) => extractListing(text, opts).fields;
const price = (text: string, opts: Opts) => fields(text, opts).ListPrice?.value;
const beds = (text: string, opts: Opts) => fields(text, opts).BedroomsTotal?.value;
const baths = (text: string, opts: Opts) => fields(text, opts).BathroomsTotalInteger?.value;

/**
 * A burst longer than a few messages: there a later line is no restatement by itself (see
 * restatements.ts), so only the correction's own words can make it win.
 */
const chatter = ['photos in the link', 'viewings on weekends', 'call me', 'thanks', 'ok'];
const long = (first: string, last: string) => [first, ...chatter, last].join('\n');

describe('withdrawn corrections: the fix before is undone', () => {
  it('"no wait, 3 was right" after "sorry 4 bed"', () => {
    const text =
      'House for sale 3 bed 2 bath $400k\nsorry 4 bed\nno wait, 3 was right, the 4th room is an office';
    const e = extractListing(text, usd);
    expectField(text, e, 'BedroomsTotal', 3, '3 bed');
    assert.equal(e.fields.ListPrice?.value, 400_000);
  });
  it('in Spanish, Portuguese and Arabic, with or without the figure', () => {
    const es =
      'Chalet en venta 5 dormitorios 4 baños 1.950.000 €\nperdón, 2.950.000\nno, estaba bien';
    assert.equal(price(es, { defaultCurrency: 'EUR' }), 1_950_000);
    const olvidad =
      'Chalet en venta 5 dormitorios 1.950.000 €\nperdón, 2.950.000\nno no, olvidad eso, 1.950.000 es correcto';
    assert.equal(price(olvidad, { defaultCurrency: 'EUR' }), 1_950_000);
    const pt = 'Casa à venda 3 quartos R$ 900 mil\ndesculpa, 4 quartos\nesquece, tava certo';
    assert.equal(beds(pt, brl), 3);
    const ar = 'شقة للبيع 3 غرف نوم 2 حمام السعر 1.8 مليون ريال\nعفوا 4 غرف نوم\nانسى، الأول صح';
    assert.equal(beds(ar, sar), 3);
  });
  it('undoes only the last fix: the one before stands', () => {
    const text = 'Condo for sale 2 bed 1 bath $310k\nsorry 3 bed\nsorry $305k\nignore that';
    const e = fields(text, usd);
    assert.equal(e.BedroomsTotal?.value, 3);
    assert.equal(e.ListPrice?.value, 310_000);
  });
  it('reads what follows the retraction as a fix of its own: "ignore that, 5 beds"', () => {
    const text = 'House for sale 3 bed 2 bath $400k\nsorry 4 bed\nignore that, 5 beds';
    assert.equal(beds(text, usd), 5);
    const es = 'Casa en renta 3 rec 2 baños $18,000 al mes\nperdón 4 rec\nolvídalo, son 5 rec';
    assert.equal(beds(es, mxn), 5);
  });
  it('a figure said to be right that the last fix stated confirms it: "405 was right"', () => {
    const text =
      'House for sale 3 bed 2 bath $400k\nsorry $410k\nno, $405k\nno wait, 405 was right';
    assert.equal(price(text, usd), 405_000);
  });
  it('a fix that confirms another figure withdraws nothing: "500 sq yd, 1.1 crore is right"', () => {
    const text = 'Plot for sale 250 sq yd PKR 1.1 crore\ntypo: 500 sq yd, 1.1 crore is right';
    const e = fields(text, { defaultCurrency: 'PKR' });
    assert.equal(e.ListPrice?.value, 11_000_000);
    assert.equal((e.LotSizeArea ?? e.LivingArea)?.evidence?.text, '500 sq yd');
  });
  it('undoes a currency fix too: "USD not MXN" then "no, estaba bien"', () => {
    const text = 'Casa en venta 3 rec $4,100,000 MXN\nperdón, USD no MXN\nno, estaba bien';
    assert.equal(fields(text, mxn).Currency?.value, 'MXN');
  });
});

describe('two fields corrected at once', () => {
  it('a bare price beside a size: "edit: 2.3M and 1,280 sqft"', () => {
    const text = 'Dubai Marina 2BR for sale\nAED 2.1M\n1,180 sqft\nedit: 2.3M and 1,280 sqft';
    const e = extractListing(text, { defaultCurrency: 'AED' });
    expectField(text, e, 'ListPrice', 2_300_000, '2.3M');
    assert.equal(e.fields.LivingArea?.value, 1280);
  });
  it('both room counts restated with no correction word: "son 4 recámaras y 3 baños"', () => {
    const text =
      'Casa en renta 3 rec 2 baños\n$18,000 al mes\nson 4 recámaras y 3 baños, la dueña me confirmó';
    const e = fields(text, mxn);
    assert.equal(e.BedroomsTotal?.value, 4);
    assert.equal(e.BathroomsTotalInteger?.value, 3);
    assert.equal(e.ListPrice?.value, 18_000);
  });
  it('the listing line sent again, naming its own unit: "Apto en venta ... | $460.000.000"', () => {
    const line = (p: string) => `Apto en venta Chapinero | 2 hab | 2 baños | 72 m2 | $${p}`;
    const text = `${line('480.000.000')}\n${line('460.000.000')}`;
    assert.equal(price(text, { defaultCurrency: 'COP' }), 460_000_000);
  });
  it('but a price list of another unit stays another unit: "1 beds from $1,750 (650 sqft)"', () => {
    const text =
      'Towers - the 2-bedroom unit\nStudios from $1,400 (450 sqft)\n1 beds from $1,750 (650 sqft)';
    assert.equal(beds(text, usd), 2);
  });
});

describe('correction words in each language', () => {
  it('"my bad", "I meant", "edit:"', () => {
    const base = 'House for sale 3 bed 2 bath $400k';
    assert.equal(price(`${base}\nmy bad, $410k`, usd), 410_000);
    assert.equal(beds(`${base}\nI meant 4 bed`, usd), 4);
    assert.equal(baths(`${base}\nedit: 3 bath`, usd), 3);
  });
  it('"mejor dicho", "error mío", "precio final" after the figure', () => {
    const base = 'Casa en venta 3 rec 2 baños $4,100,000';
    assert.equal(beds(long(base, 'mejor dicho, 4 rec'), mxn), 4);
    assert.equal(baths(long(base, 'error mío, 3 baños'), mxn), 3);
    const final = `${base}\nerror mío, $4,300,000\nno, $4,200,000, ahora sí el precio final\n3 rec 2 baños`;
    assert.equal(price(final, mxn), 4_200_000);
  });
  it('"foi mal", "quer dizer", "corrigindo"', () => {
    const base = 'Casa à venda 3 quartos 1 banheiro R$ 900 mil';
    assert.equal(beds(long(base, 'foi mal, 4 quartos'), brl), 4);
    assert.equal(price(long(base, 'quer dizer, R$ 950 mil'), brl), 950_000);
    assert.equal(baths(long(base, 'corrigindo: 2 banheiros'), brl), 2);
  });
  it('"قصدي", "غلط مني"', () => {
    const base = 'شقة للبيع 3 غرف نوم 2 حمام السعر 1.8 مليون ريال';
    assert.equal(beds(long(base, 'قصدي 4 غرف نوم'), sar), 4);
    assert.equal(baths(long(base, 'غلط مني، حمام واحد فقط'), sar), 1);
  });
});

describe('a new figure with no correction word, in a longer burst', () => {
  it('"now $420k", "final: $390k"', () => {
    const base = 'House for sale 3 bed 2 bath $400k';
    assert.equal(price(long(base, 'now $420k'), usd), 420_000);
    assert.equal(price(long(base, 'final: $390k'), usd), 390_000);
  });
  it('"lo dejan en", "ahora 3.9 millones"', () => {
    const base = 'Casa en venta 3 rec 2 baños $4,100,000';
    assert.equal(price(long(base, 'lo dejan en $3,900,000'), mxn), 3_900_000);
    assert.equal(price(long(base, 'ahora 3.8 millones'), mxn), 3_800_000);
  });
  it('"ficou em", "agora é"', () => {
    const base = 'Casa à venda 3 quartos R$ 900 mil';
    assert.equal(price(long(base, 'ficou em R$ 850 mil'), brl), 850_000);
    assert.equal(price(long(base, 'agora é R$ 870 mil'), brl), 870_000);
  });
  it('"أصبح", "نزل إلى", "صارت"', () => {
    const base = 'شقة للبيع 3 غرف نوم 2 حمام السعر 1.8 مليون ريال';
    assert.equal(price(long(base, 'أصبح 1.65 مليون'), sar), 1_650_000);
    assert.equal(price(long(base, 'نزل إلى 1.6 مليون'), sar), 1_600_000);
    assert.equal(beds(long(base, 'صارت 4 غرف نوم'), sar), 4);
  });
  it('on the first line, "now" is no change: "Now only $1,500/mo"', () => {
    assert.equal(price('Now only $1,500/mo 2 bed apartment for rent', usd), 1500);
  });
});

describe('what the owner would accept is no new asking price', () => {
  it('"negotiable down to", "open to offers from"', () => {
    const base = 'House for sale 3 bed 2 bath $400k';
    assert.equal(price(`${base}\nnegotiable down to $380k for a cash buyer`, usd), 400_000);
    assert.equal(price(`${base}\nsorry, open to offers from $370k`, usd), 400_000);
  });
  it('"acepta ofertas desde", "aceita propostas a partir de", "قابل للتفاوض"', () => {
    assert.equal(
      price('Casa en venta 3 rec $4,100,000\nacepta ofertas desde $3,500,000', mxn),
      4_100_000,
    );
    assert.equal(
      price('Casa à venda 3 quartos R$ 900 mil\naceita propostas a partir de R$ 800 mil', brl),
      900_000,
    );
    const ar = 'شقة للبيع 3 غرف نوم السعر 1.8 مليون ريال\nقابل للتفاوض حتى 1.6 مليون';
    assert.equal(price(ar, sar), 1_800_000);
  });
});

describe('second thoughts: "turns out", "afinal", "resulta que" open a correction', () => {
  it('takes the figure after the second thought, even many messages later', () => {
    assert.equal(
      beds(
        long('Ranch for sale 3 bed 2 bath $389k', 'turns out the basement room is legal, 4 beds'),
        usd,
      ),
      4,
    );
    assert.equal(
      price(long('Apartamento 2 quartos R$ 520 mil', 'afinal o dono pediu R$ 495 mil'), brl),
      495_000,
    );
    assert.equal(
      baths(long('Casa 3 recámaras 2 baños $2,900,000', 'resulta que son 3 baños'), mxn),
      3,
    );
  });
});
