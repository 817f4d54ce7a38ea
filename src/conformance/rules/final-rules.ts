// The rules that judge everything the run received: the table of codes and statuses,
// Retry-After on 429 and 503, and every certificate served (its chain up to the root, its CN).
import { parseCertificate } from '../../core/index.ts';
import { matchesMask, type Rule, type RuleContext } from '../context.ts';
import { statusOfCode } from '../schema.ts';
import { ChainProblem, verifyChain } from '../x509-chain.ts';

export const statusCodes: Rule = {
  id: 'status-codes',
  title: 'Every error code of the run came with the HTTP status of the contract’s table, and the body says the same status',
  effect: 'read',
  async run(ctx: RuleContext) {
    const seen = new Map<string, Set<number>>();
    for (const exchange of ctx.session.client.exchanges) {
      const body = exchange.body as Record<string, unknown> | undefined;
      const code = body?.['code'];
      if (exchange.status < 400 || typeof code !== 'string') continue;
      const allowed = statusOfCode[code];
      ctx.check(allowed !== undefined, { request: exchange.label, status: exchange.status, body: { code }, expected: 'a code of the contract' });
      ctx.check(allowed!.includes(exchange.status), { request: exchange.label, status: exchange.status, body: { code }, expected: `${code} answers ${allowed!.join(' or ')}` });
      ctx.check(body?.['status'] === exchange.status, { request: exchange.label, status: exchange.status, body: { code, status: body?.['status'] }, expected: 'the body’s status is the HTTP status' });
      seen.set(code, (seen.get(code) ?? new Set()).add(exchange.status));
    }
    if (seen.size === 0) ctx.skip('no error answers in this run');
    ctx.note(`codes seen: ${[...seen].map(([code, statuses]) => `${code} ${[...statuses].join('/')}`).join(', ')}`);
  },
};

export const retryAfter: Rule = {
  id: 'retry-after',
  title: 'Every 429 and 503 of the run carried Retry-After in seconds (and retryAfterSeconds, where given, the same)',
  effect: 'read',
  async run(ctx: RuleContext) {
    const mock = ctx.session.mock;
    if (mock) {
      await mock.fault('http-503', { method: 'GET', path: '/profile' });
      ctx.note('the mock was told to answer the next GET /profile with 503');
      await ctx.call(ctx.primary, 'GET', '/profile');
    }
    const limited = ctx.session.client.exchanges.filter((e) => e.status === 429 || e.status === 503);
    if (limited.length === 0) ctx.skip('no 429 or 503 in this run (--probe-rate-limit provokes a 429)');
    for (const exchange of limited) {
      const header = exchange.headers.get('retry-after');
      const body = exchange.body as Record<string, unknown> | undefined;
      const decided = { 'Retry-After': header, retryAfterSeconds: body?.['retryAfterSeconds'] };
      ctx.check(header !== null && /^\d+$/.test(header), { request: exchange.label, status: exchange.status, body: decided, expected: 'Retry-After in whole seconds' });
      if (body?.['retryAfterSeconds'] !== undefined) {
        ctx.check(body['retryAfterSeconds'] === Number(header), { request: exchange.label, status: exchange.status, body: decided, expected: 'retryAfterSeconds equal to Retry-After' });
      }
    }
    ctx.note(`${limited.length} answer(s) with 429 or 503 judged`);
  },
};

function distinct<T extends { serialNumber: string; certificate: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((c) => !seen.has(c.certificate) && seen.add(c.certificate));
}

export const chainVerified: Rule = {
  id: 'chain-verified',
  title: 'Every certificate served comes with its chain from the issuing CA up to the root, each signature verified',
  effect: 'read',
  async run(ctx: RuleContext) {
    const certificates = distinct(ctx.session.certificates);
    if (certificates.length === 0) ctx.skip('no certificate was served in this run');
    for (const seen of certificates) {
      try {
        const verified = await verifyChain(seen.certificate, seen.chain);
        ctx.check(true, { request: seen.request, body: { serialNumber: seen.serialNumber, path: verified.path }, expected: 'a chain that verifies up to a self-signed root' });
      } catch (error) {
        if (!(error instanceof ChainProblem)) throw error;
        // The contract names no CA algorithm: one the kit cannot check is not a violation.
        if (error.unsupported) ctx.skip(`${seen.request}: ${error.message} (RSASSA-PKCS1-v1_5 and ECDSA with SHA-2 are)`);
        ctx.fail({ request: seen.request, body: { serialNumber: seen.serialNumber, chain: seen.chain.length, problem: error.message }, expected: 'a chain that verifies up to a self-signed root' });
      }
    }
  },
};

export const cnIsCustomerId: Rule = {
  id: 'cn-is-customer-id',
  title: 'Every certificate served names its customer: CN = the customer’s ID number, whatever the CSR said',
  effect: 'read',
  async run(ctx: RuleContext) {
    const certificates = distinct(ctx.session.certificates);
    if (certificates.length === 0) ctx.skip('no certificate was served in this run');
    for (const seen of certificates) {
      let commonName: string;
      try {
        commonName = parseCertificate(seen.certificate).commonName;
      } catch {
        ctx.fail({ request: seen.request, body: { serialNumber: seen.serialNumber }, expected: 'a readable certificate' });
      }
      const known = seen.owner.idNumber;
      if (known) {
        ctx.check(commonName === known, { request: seen.request, body: { serialNumber: seen.serialNumber, commonName }, expected: `CN = ${known}` });
        continue;
      }
      const masked = String((await ctx.profile(seen.owner))['idNumber'] ?? '');
      ctx.check(matchesMask(commonName, masked), { request: seen.request, body: { serialNumber: seen.serialNumber, commonName, profile: masked }, expected: `CN is the ID number the profile shows masked (${masked})` });
    }
  },
};

export const finalRules: readonly Rule[] = [statusCodes, retryAfter, chainVerified, cnIsCustomerId];
