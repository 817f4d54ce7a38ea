// The OpenAPI document as a judge: every response a test sees must be documented for its
// call and status, carry the documented headers and validate against the documented schema.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openapiDocument } from '../../mocks/openapi-document.ts';
import type { Call } from './harness.ts';
import { statusOfCode } from '../../src/conformance/schema.ts';

// The module form of mocks/openapi.yaml (the drift test keeps them equal); it loads in browsers too.
export const document = openapiDocument as any;

const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
ajv.addSchema({ $id: 'https://contract.test/openapi', components: document.components } as object);

/** The codes of the contract's ErrorCode schema. */
export const documentedCodes: string[] = document.components.schemas.ErrorCode.enum;

/** The settled "Contract rules" table of ARCHITECTURE.md: the one the conformance kit checks backends against. */
export { statusOfCode };

function resolve(node: any): any {
  let current = node;
  while (current?.$ref) {
    current = current.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((at: any, key: string) => at?.[key], document);
  }
  return current;
}

function templateOf(path: string): string | undefined {
  const clean = path.split('?')[0]!;
  return Object.keys(document.paths).find((template) =>
    new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(clean),
  );
}

/** Errors of `value` against the document's schema `pointer` (e.g. `#/components/schemas/Profile`), or null. */
export function schemaErrors(pointer: string, value: unknown): string | null {
  const validate = ajv.compile({ $ref: `https://contract.test/openapi${pointer}` });
  return validate(value) ? null : ajv.errorsText(validate.errors);
}

/** Every example of the document with the schema it illustrates. */
export function documentExamples(): Array<{ where: string; pointer: string; value: unknown }> {
  const found: Array<{ where: string; pointer: string; value: unknown }> = [];
  for (const [name, schema] of Object.entries<any>(document.components.schemas)) {
    for (const [i, value] of (schema.examples ?? []).entries()) {
      found.push({ where: `schema ${name} example ${i}`, pointer: `#/components/schemas/${name}`, value });
    }
  }
  const media = (where: string, content: any, base: string) => {
    for (const [type, entry] of Object.entries<any>(content ?? {})) {
      const pointer = entry.schema.$ref ?? `${base}/${type.replace(/\//g, '~1')}/schema`;
      if (entry.example !== undefined) found.push({ where: `${where} ${type} example`, pointer, value: entry.example });
      for (const [key, example] of Object.entries<any>(entry.examples ?? {})) {
        found.push({ where: `${where} ${type} example ${key}`, pointer, value: example.value });
      }
    }
  };
  for (const [name, response] of Object.entries<any>(document.components.responses)) {
    media(`response ${name}`, response.content, `#/components/responses/${name}/content`);
  }
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const [method, operation] of Object.entries<any>(item)) {
      if (typeof operation !== 'object' || !operation.responses) continue;
      media(`${method.toUpperCase()} ${path} request`, operation.requestBody?.content, '');
      for (const [status, response] of Object.entries<any>(operation.responses)) {
        if (!response.$ref) media(`${method.toUpperCase()} ${path} ${status}`, response.content, '');
      }
    }
  }
  return found;
}

/** Codes seen in checked responses, for the coverage test. */
export const reachedCodes = new Set<string>();

const validators = new Map<unknown, ReturnType<typeof ajv.compile>>();

/** A media type's validator, compiled once (ajv would compile a fresh `$ref` wrapper every time). */
function validatorOf(schema: any): ReturnType<typeof ajv.compile> {
  const key = schema.$ref ?? schema;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema.$ref ? { $ref: `https://contract.test/openapi${schema.$ref}` } : schema);
    validators.set(key, validate);
  }
  return validate;
}

/** Throws unless `call` is exactly what the document promises. */
export function assertContract(call: Call): void {
  const where = `${call.method} ${call.path} → ${call.status}`;
  const template = templateOf(call.path);
  if (!template) throw new Error(`${where}: no such path in the document`);
  const operation = document.paths[template][call.method.toLowerCase()];
  if (!operation) throw new Error(`${where}: no such method in the document`);
  const response = resolve(operation.responses[String(call.status)]);
  if (!response) throw new Error(`${where}: status not documented`);
  const mediaType = call.contentType.split(';')[0]!.trim();
  const media = response.content?.[mediaType];
  if (!media) throw new Error(`${where}: media type ${mediaType} not documented (${Object.keys(response.content ?? {}).join(', ')})`);
  for (const [name, header] of Object.entries<any>(response.headers ?? {})) {
    if (resolve(header).required && !call.headers.get(name)) throw new Error(`${where}: header ${name} missing`);
  }
  const validate = validatorOf(media.schema);
  if (!validate(call.body)) throw new Error(`${where}: body does not match the schema: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(call.body)}`);
  if (mediaType === 'application/problem+json') {
    const code = (call.body as { code: string }).code;
    if (!statusOfCode[code]?.includes(call.status)) throw new Error(`${where}: ${code} must answer ${statusOfCode[code]}`);
    if (call.status === 429 || call.status === 503) {
      if (call.headers.get('retry-after') !== String((call.body as { retryAfterSeconds?: number }).retryAfterSeconds)) throw new Error(`${where}: Retry-After must equal retryAfterSeconds`);
    }
    reachedCodes.add(code);
  }
}
