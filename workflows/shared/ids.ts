import { sha256Hex } from './digest';

/**
 * Workflow ids begin with the agency id, so one agency's runs are one prefix. They carry no
 * phone number: ids are shown in the Temporal UI, logs, metrics and error messages, where a
 * customer's number has no business. A sender is named by a digest of (agency, phone): the
 * same inputs give the same id on every API replica and in the reconciler, so signal-with-start
 * still finds the running workflow, and ids are stable across deploys.
 */
export const senderKey = (agencyId: string, phone: string): string =>
  sha256Hex(`${agencyId}:${phone}`).slice(0, 32);

export const intakeWorkflowId = (agencyId: string, agentPhone: string): string =>
  `intake:${agencyId}:${senderKey(agencyId, agentPhone)}`;
export const listingWorkflowId = (agencyId: string, listingId: string): string =>
  `listing:${agencyId}:${listingId}`;
export const unknownSenderWorkflowId = (agencyId: string, phone: string): string =>
  `unknown-sender:${agencyId}:${senderKey(agencyId, phone)}`;
