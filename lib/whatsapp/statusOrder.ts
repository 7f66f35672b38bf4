/**
 * Delivery statuses arrive unordered and some are skipped ("delivered" may never come), so a
 * status only ever moves forward. "failed" ranks after "sent" (a send can fail after Meta
 * accepted it) but below "delivered": a late failure never undoes a delivery.
 */
export const STATUS_RANK: Record<string, number> = {
  queued: 0,
  accepted: 1,
  sent: 2,
  failed: 3,
  delivered: 4,
  read: 5,
};

/** SQL for the rank of a status column, for a forward-only UPDATE ... WHERE. */
export const statusRankSql = (column: string): string =>
  `case ${column} ${Object.entries(STATUS_RANK)
    .map(([s, r]) => `when '${s}' then ${r}`)
    .join(' ')} else -1 end`;
