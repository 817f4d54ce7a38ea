// The declarations behind `cert-center-sdk/components/<tag>` (rollup.config.mjs): every element
// module's exports in one bundle of types, which each per-element `.d.ts` re-exports its share of.
export * from '../../src/components/index';
export { pageTimers, type CountdownTimers } from '../../src/components/cert-otp-step/cert-otp-step';
export { codeDigits } from '../../src/components/otp-input/otp-input';
