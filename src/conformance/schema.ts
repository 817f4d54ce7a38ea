// The contract's JSON Schemas (mocks/openapi.yaml, as its generated module) as a judge of what
// a server answers: the part of JSON Schema 2020-12 the document uses, and nothing more, so the
// kit ships without a validator dependency.
import { openapiDocument } from '../../mocks/openapi-document.ts';

type Schema = Record<string, unknown>;

const document = openapiDocument as { components: { schemas: Record<string, Schema> } };

/** The names of the contract's schemas (`Profile`, `CertificateDetail`, `ProblemDetails`, …). */
export type SchemaName = keyof typeof document.components.schemas & string;

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const maxErrors = 8;

function resolve(ref: string): Schema {
  const match = /^#\/components\/schemas\/([A-Za-z0-9_]+)$/.exec(ref);
  const schema = match ? document.components.schemas[match[1]!] : undefined;
  if (!schema) throw new Error(`The contract has no schema ${ref}`);
  return schema;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function check(schema: Schema, value: unknown, at: string, errors: string[]): void {
  if (errors.length >= maxErrors) return;
  const fail = (message: string): void => {
    errors.push(`${at || '/'} ${message}`);
  };
  if (typeof schema['$ref'] === 'string') check(resolve(schema['$ref']), value, at, errors);
  const type = schema['type'];
  if (typeof type === 'string' && !typeMatches(value, type)) return fail(`must be ${type}`);
  if (Array.isArray(type) && !type.some((t) => typeMatches(value, String(t)))) return fail(`must be ${type.join(' or ')}`);
  if ('const' in schema && !equal(value, schema['const'])) fail(`must be ${JSON.stringify(schema['const'])}`);
  if (Array.isArray(schema['enum']) && !schema['enum'].some((e) => equal(e, value))) fail(`must be one of ${schema['enum'].join(', ')}`);
  if (typeof value === 'string') {
    const length = Array.from(value).length;
    if (typeof schema['minLength'] === 'number' && length < schema['minLength']) fail(`must be at least ${schema['minLength']} characters`);
    if (typeof schema['maxLength'] === 'number' && length > schema['maxLength']) fail(`must be at most ${schema['maxLength']} characters`);
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) fail(`must match ${schema['pattern']}`);
    if (schema['format'] === 'date-time' && (!rfc3339.test(value) || Number.isNaN(Date.parse(value)))) fail('must be an RFC 3339 time');
    if (schema['format'] === 'uri' && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) fail('must be a URI');
  }
  if (typeof value === 'number') {
    if (typeof schema['minimum'] === 'number' && value < schema['minimum']) fail(`must be ≥ ${schema['minimum']}`);
    if (typeof schema['maximum'] === 'number' && value > schema['maximum']) fail(`must be ≤ ${schema['maximum']}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) fail(`must have at least ${schema['minItems']} items`);
    if (typeof schema['maxItems'] === 'number' && value.length > schema['maxItems']) fail(`must have at most ${schema['maxItems']} items`);
    const items = schema['items'];
    if (items && typeof items === 'object') value.forEach((item, i) => check(items as Schema, item, `${at}/${i}`, errors));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
    if (Array.isArray(schema['required'])) {
      for (const name of schema['required'] as string[]) if (!(name in object)) fail(`needs ${name}`);
    }
    for (const [name, child] of Object.entries(properties)) if (name in object) check(child, object[name], `${at}/${name}`, errors);
    const additional = schema['additionalProperties'];
    for (const name of Object.keys(object)) {
      if (name in properties) continue;
      if (additional === false) fail(`has ${name}, which is not allowed`);
      else if (additional && typeof additional === 'object') check(additional as Schema, object[name], `${at}/${name}`, errors);
    }
  }
  if (Array.isArray(schema['allOf'])) for (const part of schema['allOf'] as Schema[]) check(part, value, at, errors);
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const options = schema[keyword];
    if (!Array.isArray(options)) continue;
    const passing = (options as Schema[]).filter((option) => {
      const sub: string[] = [];
      check(option, value, at, sub);
      return sub.length === 0;
    }).length;
    if (keyword === 'anyOf' ? passing === 0 : passing !== 1) fail(`must match ${keyword === 'anyOf' ? 'one of the' : 'exactly one of the'} ${options.length} forms`);
  }
  if (schema['if'] && typeof schema['if'] === 'object') {
    const probe: string[] = [];
    check(schema['if'] as Schema, value, at, probe);
    const branch = probe.length === 0 ? schema['then'] : schema['else'];
    if (branch && typeof branch === 'object') check(branch as Schema, value, at, errors);
  }
}

/**
 * What is wrong with `value` as the contract's schema `name`: an empty list when nothing is.
 * @example schemaErrors('Profile', { idNumber: 'A103******' }) // ['/ needs name', …]
 */
export function schemaErrors(name: SchemaName, value: unknown): string[] {
  const errors: string[] = [];
  check(resolve(`#/components/schemas/${name}`), value, '', errors);
  return errors;
}

/** The contract's table of codes and HTTP statuses (`INTERNAL` is 500, or 503 while briefly unavailable). */
export const statusOfCode: Readonly<Record<string, readonly number[]>> = {
  VALIDATION: [400],
  UNAUTHENTICATED: [401],
  OTP_TOKEN_INVALID: [403],
  NOT_FOUND: [404],
  OTP_EXPIRED: [410],
  CERT_EXISTS: [409],
  CERT_NOT_ACTIVE: [409],
  RENEWAL_NOT_OPEN: [409],
  REVOCATION_LIMIT: [409],
  OTP_INVALID: [422],
  CSR_INVALID: [422],
  CONSENT_REQUIRED: [422],
  RENEWAL_PROOF_INVALID: [422],
  IDEMPOTENCY_KEY_REUSED: [422],
  OTP_LOCKED: [423],
  RATE_LIMITED: [429],
  INTERNAL: [500, 503],
};
