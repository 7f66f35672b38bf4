/**
 * The workflow bundle of the intake's fast tier: the production intake workflow, and a
 * stand-in for the listing workflow it starts as a child (the listing's own tests cover it;
 * here only the intake's decisions are under test, with no Postgres or WordPress behind them).
 */
export { intakeWorkflow } from '../../../workflows/intake/intakeWorkflow';

export async function listingWorkflow(): Promise<void> {
  // Started and left alone (parentClosePolicy ABANDON), as the real one would be.
}
