// The production workflows plus a harness that stands in for the review phase's wait loop.
export * from '../../../workflows';
export { draftingHarnessWorkflow, stopHarnessSignal } from './harness';
