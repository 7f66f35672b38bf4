/** Workflow ids begin with the agency id, so one agency's runs are one prefix. */
export const intakeWorkflowId = (agencyId: string, agentPhone: string): string =>
  `intake:${agencyId}:${agentPhone}`;
export const listingWorkflowId = (agencyId: string, listingId: string): string =>
  `listing:${agencyId}:${listingId}`;
export const unknownSenderWorkflowId = (agencyId: string, phone: string): string =>
  `unknown-sender:${agencyId}:${phone}`;
