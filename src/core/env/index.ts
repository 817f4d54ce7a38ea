// The computer check (電腦檢測). Internal barrel; the public surface is chosen in src/core/index.ts.
export { checkEnvironment } from './check-environment';
export { environmentCheckIds, adviceCodes } from './environment-report';
export { parseBrowser, judgeBrowser, minimumEngineVersions } from './browser-version';
export { judgeClockSkew, clockSkewWarnMs, clockSkewFailMs } from './clock-skew';

export type { CheckEnvironmentOptions } from './check-environment';
export type { AdviceCode, CheckStatus, EnvironmentCheck, EnvironmentCheckId, EnvironmentReport } from './environment-report';
export type { BrowserEngine, BrowserInfo, BrowserName } from './browser-version';
export type { EnvironmentScope, UserAgentBrand } from './environment-scope';
