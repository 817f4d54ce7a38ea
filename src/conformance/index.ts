// The conformance kit as a library: run the contract's rules from a script or a test.
export { runConformance, conformanceRules, ConformanceSetupError } from './run.ts';
export { formatReport } from './report.ts';
export { commandSource, mockInboxSource, promptSource } from './code-source.ts';
export { verifyChain, ChainProblem } from './x509-chain.ts';
export { main } from './cli.ts';

export type { ConformanceOptions } from './run.ts';
export type { Report, RuleReport, RuleStatus, Evidence, Rule, RuleEffect } from './context.ts';
export type { CodeSource, CodeRequest } from './code-source.ts';
export type { VerifiedChain } from './x509-chain.ts';
