// The mock CA and its MSW handlers, for consumers' tests and stories. The Node and browser
// set-ups live in `./node.ts` and `./browser.ts`, so this entry pulls in neither.
export { createMockBackend } from './backend.ts';
export { createHandlers } from './handlers.ts';
export { scenarioNames } from './types.ts';
export { consent, consentVersion, announcements } from './content.ts';
export { openapiDocument } from './openapi-document.ts';

export type {
  FaultKind,
  FaultOptions,
  InboxMessage,
  IssuedCertificate,
  MockBackend,
  MockBackendOptions,
  MockCaCertificates,
  MockClock,
  MockCustomer,
  MockDefect,
  ScenarioName,
  SeededCredential,
} from './types.ts';
export type { Dispatch, RouteId } from './handlers.ts';
