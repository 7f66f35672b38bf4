import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

const DIR = path.resolve(__dirname, '../../../shared/fixtures/stripe');

type Json = Record<string, any>;

/** A payload from ../shared/fixtures/stripe, parsed fresh each call. */
export function stripeFixture(name: string): Json {
  return JSON.parse(readFileSync(path.join(DIR, `${name}.json`), 'utf8'));
}

/** The one byte-exact, Stripe-signed delivery there (Odoo's test suite), with its header and secret. */
export function odooSignedDelivery(): { body: Buffer; signature: string; secret: string } {
  const headers = stripeFixture('checkout_session_completed__odoo_signed_headers');
  return {
    body: readFileSync(path.join(DIR, 'checkout_session_completed__odoo_signed_body.json')),
    signature: headers['Stripe-Signature'],
    secret: headers._webhook_secret_used_by_odoo_tests,
  };
}

export const eventId = () => `evt_test_${randomBytes(8).toString('hex')}`;

/**
 * A real event re-addressed to a test agency's customer and subscription, with a fresh event id,
 * so one fixture can stand for many deliveries. The envelope and object stay Stripe's.
 */
export function subscriptionEvent(
  name: 'customer_subscription_updated__fxa' | 'customer_subscription_deleted__fxa',
  opts: { customer: string; subscription: string; id?: string },
): Json {
  const event = stripeFixture(name);
  event.id = opts.id ?? eventId();
  event.data.object.customer = opts.customer;
  event.data.object.id = opts.subscription;
  for (const item of event.data.object.items?.data ?? []) item.subscription = opts.subscription;
  return event;
}

export function invoiceFailedEvent(opts: { customer: string; subscription: string }): Json {
  const event = stripeFixture('invoice_payment_failed__fxa');
  event.id = eventId();
  event.data.object.customer = opts.customer;
  event.data.object.subscription = opts.subscription;
  return event;
}

/**
 * A current-shape event (synthetic: the openapi `event.json` envelope around one of the resource
 * fixtures stripe-mock serves), for types the stored deliveries do not cover.
 */
export function currentShapeEvent(type: string, object: Json): Json {
  const event = stripeFixture('openapi_fixtures/event');
  event.id = eventId();
  event.type = type;
  event.api_version = '2026-10-28.endive';
  event.data = { object };
  return event;
}

/** Signs `payload` as Stripe would (`t=...,v1=...`), with Stripe's own test helper. */
export function sign(
  payload: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}
