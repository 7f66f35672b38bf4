import type { Knex } from 'knex';

/**
 * The first-cut data model (ARCHITECTURE.md). Every tenant-owned table carries `agency_id`
 * and its indexes start with it, because every query the product makes is within one agency.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create extension if not exists pgcrypto');

  const timestamps = (t: Knex.CreateTableBuilder) => {
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  };
  const id = (t: Knex.CreateTableBuilder) =>
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
  const agency = (t: Knex.CreateTableBuilder) =>
    t.uuid('agency_id').notNullable().references('id').inTable('agencies').onDelete('CASCADE');

  await knex.schema.createTable('agencies', (t) => {
    id(t);
    t.text('name').notNullable();
    t.text('slug').notNullable().unique();
    t.text('default_language').notNullable().defaultTo('en');
    t.text('stripe_customer_id').unique();
    t.jsonb('settings').notNullable().defaultTo('{}');
    timestamps(t);
  });

  await knex.schema.createTable('users', (t) => {
    id(t);
    agency(t);
    t.text('email');
    t.text('name').notNullable();
    t.text('role').notNullable().checkIn(['owner', 'admin', 'agent'], 'users_role_check');
    t.text('whatsapp_phone');
    t.text('password_hash');
    t.text('status').notNullable().defaultTo('active').checkIn(['invited', 'active', 'disabled']);
    t.text('invite_token_hash').unique();
    t.timestamp('invite_expires_at', { useTz: true });
    t.timestamp('last_login_at', { useTz: true });
    timestamps(t);
    t.unique(['agency_id', 'whatsapp_phone']);
    t.index(['agency_id', 'role']);
  });
  // One login per e-mail across the product: login happens before the tenant is known.
  await knex.raw('create unique index users_email_unique on users (lower(email))');

  await knex.schema.createTable('refresh_tokens', (t) => {
    id(t);
    agency(t);
    t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.text('token_hash').notNullable().unique();
    // Tokens of one login share a family; reuse of a rotated token revokes the family.
    t.uuid('family_id').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('rotated_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['agency_id', 'user_id']);
    t.index(['agency_id', 'family_id']);
  });

  await knex.schema.createTable('api_keys', (t) => {
    id(t);
    agency(t);
    t.text('name').notNullable();
    t.text('prefix').notNullable().unique();
    t.text('key_hash').notNullable();
    t.text('role').notNullable().defaultTo('admin').checkIn(['admin', 'agent']);
    t.uuid('created_by').references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['agency_id']);
  });

  await knex.schema.createTable('subscriptions', (t) => {
    id(t);
    agency(t);
    t.text('plan').notNullable().defaultTo('starter');
    t.text('status').notNullable().defaultTo('active');
    t.text('stripe_customer_id');
    t.text('stripe_subscription_id').unique();
    t.timestamp('current_period_start', { useTz: true });
    t.timestamp('current_period_end', { useTz: true });
    t.boolean('cancel_at_period_end').notNullable().defaultTo(false);
    t.timestamp('trial_ends_at', { useTz: true });
    timestamps(t);
    t.unique(['agency_id']);
  });

  await knex.schema.createTable('whatsapp_channels', (t) => {
    id(t);
    agency(t);
    t.text('phone_number_id').notNullable().unique();
    t.text('display_phone_number');
    t.text('waba_id');
    t.text('access_token_encrypted').notNullable();
    timestamps(t);
    t.index(['agency_id']);
  });

  await knex.schema.createTable('inbound_messages', (t) => {
    id(t);
    agency(t);
    t.uuid('channel_id').references('id').inTable('whatsapp_channels').onDelete('SET NULL');
    t.text('provider_message_id').notNullable();
    t.text('from_phone').notNullable();
    t.text('kind').notNullable();
    t.jsonb('payload').notNullable();
    t.timestamp('sent_at', { useTz: true });
    t.text('state')
      .notNullable()
      .defaultTo('pending')
      .checkIn(['pending', 'dispatched', 'ignored', 'failed']);
    t.text('state_reason');
    t.integer('dispatch_attempts').notNullable().defaultTo(0);
    t.timestamp('dispatched_at', { useTz: true });
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['agency_id', 'provider_message_id']);
    t.index(['agency_id', 'state', 'received_at']);
  });

  await knex.schema.createTable('outbound_messages', (t) => {
    id(t);
    agency(t);
    t.uuid('listing_id');
    t.text('to_phone').notNullable();
    t.text('kind').notNullable();
    t.text('idempotency_key').notNullable();
    t.text('provider_message_id');
    t.text('status').notNullable().defaultTo('queued');
    t.timestamp('status_at', { useTz: true });
    t.jsonb('body').notNullable().defaultTo('{}');
    t.text('error');
    timestamps(t);
    t.unique(['agency_id', 'idempotency_key']);
    t.index(['agency_id', 'provider_message_id']);
  });

  // Webhooks for a phone_number_id no agency owns: kept for support, never processed.
  await knex.schema.createTable('unrouted_webhooks', (t) => {
    id(t);
    t.text('provider').notNullable();
    t.text('routing_key').notNullable();
    t.jsonb('payload').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('listings', (t) => {
    id(t);
    agency(t);
    t.uuid('agent_user_id').references('id').inTable('users').onDelete('SET NULL');
    t.text('status').notNullable().defaultTo('received');
    t.text('title');
    t.text('language');
    // RESO Data Dictionary 2.0 fields, snake_cased; the API speaks the RESO names.
    t.text('listing_type').checkIn(['sale', 'rent']);
    t.text('rent_period').checkIn(['daily', 'weekly', 'monthly', 'yearly']);
    t.decimal('list_price', 16, 2);
    t.string('currency', 3);
    t.text('property_type');
    t.text('property_sub_type');
    t.text('standard_status');
    t.integer('bedrooms_total');
    t.integer('bathrooms_total_integer');
    t.integer('bathrooms_half');
    t.decimal('living_area', 12, 2);
    t.text('living_area_units');
    t.decimal('lot_size_area', 14, 2);
    t.text('lot_size_units');
    t.integer('year_built');
    t.integer('parking_total');
    t.text('unparsed_address');
    t.text('city');
    t.text('state_or_province');
    t.text('postal_code');
    t.text('country');
    t.decimal('latitude', 9, 6);
    t.decimal('longitude', 9, 6);
    t.boolean('furnished');
    t.boolean('pets_allowed');
    t.text('public_remarks');
    t.jsonb('features').notNullable().defaultTo('[]');
    t.jsonb('evidence').notNullable().defaultTo('{}');
    t.jsonb('extras').notNullable().defaultTo('{}');
    t.text('workflow_id');
    t.text('last_error');
    timestamps(t);
    t.index(['agency_id', 'status', 'created_at']);
    t.index(['agency_id', 'agent_user_id']);
  });

  await knex.schema.createTable('listing_assets', (t) => {
    id(t);
    agency(t);
    t.uuid('listing_id').references('id').inTable('listings').onDelete('CASCADE');
    t.uuid('inbound_message_id').references('id').inTable('inbound_messages').onDelete('SET NULL');
    t.text('storage_key');
    t.text('sha256');
    t.text('mime_type');
    t.integer('bytes');
    t.integer('width');
    t.integer('height');
    t.text('image_of');
    t.text('long_description');
    t.integer('order');
    t.jsonb('quality').notNullable().defaultTo('{}');
    t.text('status').notNullable().defaultTo('stored').checkIn(['stored', 'skipped', 'duplicate']);
    t.text('skip_reason');
    timestamps(t);
    t.unique(['agency_id', 'inbound_message_id']);
    t.index(['agency_id', 'listing_id']);
  });

  await knex.schema.createTable('drafts', (t) => {
    id(t);
    agency(t);
    t.uuid('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.text('language').notNullable();
    t.text('platform');
    t.text('content').notNullable();
    t.text('model');
    t.text('status').notNullable().defaultTo('generated');
    t.jsonb('checks').notNullable().defaultTo('[]');
    t.jsonb('usage').notNullable().defaultTo('{}');
    timestamps(t);
    t.index(['agency_id', 'listing_id']);
  });

  await knex.schema.createTable('wordpress_sites', (t) => {
    id(t);
    agency(t);
    t.text('name').notNullable();
    t.text('base_url').notNullable();
    t.text('username').notNullable();
    t.text('app_password_encrypted').notNullable();
    t.text('mapping_profile').notNullable().defaultTo('posts').checkIn(['posts', 'property']);
    t.text('status').notNullable().defaultTo('connected');
    timestamps(t);
    t.unique(['agency_id', 'base_url']);
  });

  await knex.schema.createTable('publications', (t) => {
    id(t);
    agency(t);
    t.uuid('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.uuid('site_id').notNullable().references('id').inTable('wordpress_sites').onDelete('CASCADE');
    t.text('remote_id');
    t.text('remote_url');
    t.text('state').notNullable().defaultTo('pending');
    t.text('error');
    t.jsonb('remote_media').notNullable().defaultTo('{}');
    t.timestamp('published_at', { useTz: true });
    timestamps(t);
    t.unique(['agency_id', 'listing_id', 'site_id']);
  });

  // Provider events (Stripe, ...) are deduplicated before the tenant is known.
  await knex.schema.createTable('webhook_events', (t) => {
    id(t);
    t.text('provider').notNullable();
    t.text('event_id').notNullable();
    t.text('type').notNullable();
    t.uuid('agency_id').references('id').inTable('agencies').onDelete('SET NULL');
    t.jsonb('payload').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('processed_at', { useTz: true });
    t.unique(['provider', 'event_id']);
  });

  await knex.schema.createTable('audit_log', (t) => {
    id(t);
    agency(t);
    t.text('actor_type').notNullable();
    t.text('actor_id');
    t.text('action').notNullable();
    t.text('target_type');
    t.text('target_id');
    t.jsonb('data').notNullable().defaultTo('{}');
    t.text('request_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['agency_id', 'created_at']);
  });

  await knex.schema.createTable('events', (t) => {
    id(t);
    agency(t);
    t.text('name').notNullable();
    t.jsonb('properties').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['agency_id', 'name', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'events',
    'audit_log',
    'webhook_events',
    'publications',
    'wordpress_sites',
    'drafts',
    'listing_assets',
    'listings',
    'unrouted_webhooks',
    'outbound_messages',
    'inbound_messages',
    'whatsapp_channels',
    'subscriptions',
    'api_keys',
    'refresh_tokens',
    'users',
    'agencies',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
