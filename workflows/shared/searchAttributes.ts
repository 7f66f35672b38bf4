import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Ops filter runs in the Temporal UI by these: `TenantId = "..." AND ListingStatus = "..."`. */
export const TenantId = defineSearchAttributeKey('TenantId', SearchAttributeType.KEYWORD);
export const ListingStatus = defineSearchAttributeKey('ListingStatus', SearchAttributeType.KEYWORD);
