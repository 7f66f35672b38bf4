// Every workflow the worker runs; the worker bundles this file for the sandbox.
export { intakeWorkflow } from './intake/intakeWorkflow';
export { unknownSenderWorkflow } from './intake/unknownSenderWorkflow';
export { listingWorkflow } from './listing/listingWorkflow';
export { socialPostWorkflow } from './social/socialPostWorkflow';
