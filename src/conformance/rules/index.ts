// Every rule of the kit, in the order they run: read-only ones first, then those that send
// codes, then those that change certificates, then the ones that judge the whole run.
import type { Rule } from '../context.ts';
import { certificateRules } from './certificate-rules.ts';
import { idempotencyKeyReused, idempotentReplay, otpChallenge, otpLifetime, otpRateLimit, otpResendVoids, otpThreeWrongEntries, otpTokenPurposeBound } from './code-rules.ts';
import { finalRules } from './final-rules.ts';
import { readRules } from './read-rules.ts';

const [csrKeyStrength, csrSignature, applyIssues, ...afterApply] = certificateRules;

export const rules: readonly Rule[] = [
  ...readRules,
  otpChallenge,
  otpResendVoids,
  otpThreeWrongEntries,
  otpLifetime,
  otpTokenPurposeBound,
  idempotencyKeyReused,
  csrKeyStrength!,
  csrSignature!,
  applyIssues!,
  // Replays the apply of apply-issues when writes are allowed.
  idempotentReplay,
  ...afterApply,
  otpRateLimit,
  ...finalRules,
];
