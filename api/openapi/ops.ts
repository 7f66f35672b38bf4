/** Endpoints for operators of the service, each behind its own token: metrics and the codec. */
import { z } from 'zod';
import { WireBody } from '../routes/codec';
import type { ErrorDocs } from './errors';
import type { Operation } from './operations';

const CODEC_ERRORS: ErrorDocs = {
  400: { description: 'Not JSON', codes: ['invalid_json'] },
  401: { description: 'Missing or wrong ops token', codes: ['codec_unauthorized'] },
  403: {
    description: 'TEMPORAL_CODEC_TOKEN is not configured',
    codes: ['codec_endpoint_closed'],
  },
  404: {
    description: 'Payload encryption is off (TEMPORAL_PAYLOAD_KEYS unset)',
    codes: ['codec_not_configured'],
  },
  422: 'Invalid fields, or a payload the codec cannot open (its code)',
};

/** The Temporal remote codec's wire form: base64 metadata values and data. */
const Payloads = WireBody.meta({ id: 'CodecPayloads' });

export const OPS_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    tag: 'operations',
    summary: 'Prometheus metrics',
    securedBy: 'metricsToken',
    success: {
      status: 200,
      description: 'Prometheus text exposition format',
      contentType: 'text/plain; version=0.0.4',
      schema: z.string(),
    },
    errors: { 404: 'Not for this caller (as if nothing were here)' },
  },
  {
    method: 'post',
    path: '/codec/encode',
    operationId: 'encodePayloads',
    tag: 'operations',
    summary: "Temporal remote codec: encrypt payloads with the service's current key",
    securedBy: 'codecToken',
    body: Payloads,
    success: { status: 200, description: 'Encoded payloads', schema: Payloads },
    errors: CODEC_ERRORS,
  },
  {
    method: 'post',
    path: '/codec/decode',
    operationId: 'decodePayloads',
    tag: 'operations',
    summary: 'Temporal remote codec: decrypt payloads for the Temporal UI or CLI',
    securedBy: 'codecToken',
    body: Payloads,
    success: { status: 200, description: 'Decoded payloads', schema: Payloads },
    errors: CODEC_ERRORS,
  },
];
