// The rules that only read, or send requests every conforming server refuses before it
// changes anything: authentication, masking, the certificate list and its policy, consent,
// announcements, problem bodies, request shapes and the order of the first checks.
import { parseCertificate } from '../../core/index.ts';
import { bogusOtpToken, matchesMask, pick, problemPart, randomHex, unknownSerial, type ListedCertificate, type Rule, type RuleContext } from '../context.ts';
import { schemaErrors } from '../schema.ts';

const day = 86_400_000;
/** How far the server's Date header may be from the moment it judged a status. */
const clockSlackMs = 5_000;

function statusAt(item: ListedCertificate, at: number, renewBeforeDays: number): string {
  if (item.revokedAt !== undefined && Date.parse(item.revokedAt) <= at) return 'revoked';
  if (at > Date.parse(item.notAfter)) return 'expired';
  if (at >= Date.parse(item.notAfter) - renewBeforeDays * day) return 'renewal-due';
  return 'valid';
}

export const unauthenticatedRefused: Rule = {
  id: 'unauthenticated-refused',
  title: 'No token, or an unknown one, is 401 UNAUTHENTICATED before any other check',
  effect: 'read',
  async run(ctx: RuleContext) {
    ctx.expectProblem(await ctx.call(null, 'GET', '/profile'), 'UNAUTHENTICATED', 'UNAUTHENTICATED without a token');
    ctx.expectProblem(await ctx.call(null, 'GET', '/certificates', { token: `conformance-unknown-${randomHex(12)}` }), 'UNAUTHENTICATED', 'UNAUTHENTICATED with an unknown token');
    const post = await ctx.call(null, 'POST', '/otp', { key: null, rawBody: '{"purpose":' });
    ctx.expectProblem(post, 'UNAUTHENTICATED', 'UNAUTHENTICATED first, for a POST without token, key or a readable body');
  },
};

export const profileMasked: Rule = {
  id: 'profile-masked',
  title: 'The profile shows the ID number, phone and e-mail masked',
  effect: 'read',
  async run(ctx: RuleContext) {
    const exchange = await ctx.call(ctx.primary, 'GET', '/profile');
    const body = ctx.expectSuccess(exchange, 200, 'Profile', '200 with the Profile', ['idNumber', 'phone', 'email']);
    const shown = pick(body, ['idNumber', 'phone', 'email']);
    const idNumber = String(body['idNumber']);
    const known = ctx.primary.idNumber;
    ctx.check(known ? matchesMask(known, idNumber) && idNumber !== known : idNumber.includes('*'), {
      request: exchange.label,
      status: exchange.status,
      body: shown,
      expected: known ? `idNumber is ${known} masked` : 'idNumber is masked with *',
    });
    ctx.check(String(body['phone']).includes('*') && !/\d{7,}/.test(String(body['phone'])), { request: exchange.label, body: shown, expected: 'phone is masked with *' });
    const email = String(body['email']);
    ctx.check(email.includes('*') && email.includes('@'), { request: exchange.label, body: shown, expected: 'email is masked with * before the @' });
  },
};

export const certificateList: Rule = {
  id: 'certificate-list',
  title: 'The certificate list and its policy have the contract’s shape; windows and statuses follow the dates',
  effect: 'read',
  async run(ctx: RuleContext) {
    const exchange = await ctx.call(ctx.primary, 'GET', '/certificates');
    const body = ctx.expectSuccess(exchange, 200, 'CertificatesResponse', '200 with a CertificatesResponse');
    const policy = body['policy'] as Record<string, number>;
    ctx.check(policy['revocationsLeft']! <= policy['revocationsPerYear']!, { request: exchange.label, body: { policy }, expected: 'revocationsLeft ≤ revocationsPerYear' });
    const items = body['items'] as ListedCertificate[];
    const date = exchange.headers.get('date');
    const now = date ? Date.parse(date) : Number.NaN;
    for (const item of items) {
      const decided = pick(item, ['serialNumber', 'status', 'notAfter', 'renewFrom', 'renewUntil', 'revokedAt']);
      const notAfter = Date.parse(item.notAfter);
      ctx.check(Date.parse(item.renewFrom) === notAfter - policy['renewBeforeDays']! * day, { request: exchange.label, body: decided, expected: 'renewFrom = notAfter − renewBeforeDays' });
      ctx.check(Date.parse(item.renewUntil) === notAfter + policy['renewAfterDays']! * day, { request: exchange.label, body: decided, expected: 'renewUntil = notAfter + renewAfterDays' });
      ctx.check((item.status === 'revoked') === (item.revokedAt !== undefined), { request: exchange.label, body: decided, expected: 'revokedAt exactly when the status is revoked' });
      if (!Number.isNaN(now)) {
        const possible = [-clockSlackMs, 0, 999, clockSlackMs].map((d) => statusAt(item, now + d, policy['renewBeforeDays']!));
        ctx.check(possible.includes(item.status), { request: exchange.label, body: { ...decided, serverDate: date }, expected: `the status at the server's Date: ${[...new Set(possible)].join(' or ')}` });
      }
    }
    ctx.note(`${items.length} certificate(s) judged${Number.isNaN(now) ? '; no Date header, so statuses were not judged against the clock' : ''}`);
  },
};

export const certificateDetail: Rule = {
  id: 'certificate-detail',
  title: 'Each listed certificate is served with its PEM, chain and status, and they agree with the list',
  effect: 'read',
  async run(ctx: RuleContext) {
    const list = await ctx.list();
    if (list.items.length === 0) ctx.skip('the customer has no certificates to look at (--allow-writes issues one)');
    for (const item of list.items.slice(0, 5)) {
      const exchange = await ctx.call(ctx.primary, 'GET', `/certificates/${item.serialNumber}`);
      const body = ctx.expectSuccess(exchange, 200, 'CertificateDetail', '200 with a CertificateDetail', ['serialNumber', 'status']);
      let info;
      try {
        info = parseCertificate(String(body['certificate']));
      } catch {
        ctx.fail({ request: exchange.label, body: 'certificate', expected: 'the certificate PEM is an X.509 certificate' });
      }
      const seconds = (t: string | Date) => Math.floor(new Date(t).getTime() / 1000);
      const decided = { serialNumber: body['serialNumber'], pemSerial: info.serialNumber, notBefore: body['notBefore'], notAfter: body['notAfter'], status: body['status'] };
      ctx.check(body['serialNumber'] === item.serialNumber && info.serialNumber === item.serialNumber, { request: exchange.label, body: decided, expected: 'the serial of the list, in the JSON and in the PEM' });
      ctx.check(seconds(String(body['notBefore'])) === seconds(info.notBefore) && seconds(String(body['notAfter'])) === seconds(info.notAfter), { request: exchange.label, body: decided, expected: 'notBefore and notAfter as the PEM says' });
      ctx.check(body['status'] === item.status, { request: exchange.label, body: decided, expected: `the list's status ${item.status}` });
      const status = await ctx.call(ctx.primary, 'GET', `/certificates/${item.serialNumber}/status`);
      const answer = ctx.expectSuccess(status, 200, 'CertificateStatusResponse', '200 with a CertificateStatusResponse', ['serialNumber', 'status', 'revokedAt']);
      const sameTime = (a: unknown, b: unknown) => (a === undefined && b === undefined) || (typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b));
      ctx.check(answer['serialNumber'] === item.serialNumber && answer['status'] === item.status && sameTime(answer['revokedAt'], item.revokedAt), {
        request: status.label,
        body: pick(answer, ['serialNumber', 'status', 'revokedAt']),
        expected: `serial, status ${item.status} and revokedAt as listed`,
      });
    }
  },
};

export const certificateNotFound: Rule = {
  id: 'certificate-not-found',
  title: 'Only the customer’s own certificates are served: any other serial is 404 NOT_FOUND',
  effect: 'read',
  async run(ctx: RuleContext) {
    const serial = unknownSerial();
    ctx.expectProblem(await ctx.call(ctx.primary, 'GET', `/certificates/${serial}`), 'NOT_FOUND', 'NOT_FOUND for a serial never issued');
    ctx.expectProblem(await ctx.call(ctx.primary, 'GET', `/certificates/${serial}/status`), 'NOT_FOUND', 'NOT_FOUND for the status of a serial never issued');
    const other = ctx.session.other;
    if (!other) return ctx.note('no second customer (--other-token): another customer’s serial was not tried');
    const theirs = (await ctx.list(other)).items[0];
    if (!theirs) return ctx.note('the second customer has no certificate: another customer’s serial was not tried');
    ctx.expectProblem(await ctx.call(ctx.primary, 'GET', `/certificates/${theirs.serialNumber}`), 'NOT_FOUND', 'NOT_FOUND for another customer’s certificate');
    ctx.expectProblem(await ctx.call(ctx.primary, 'GET', `/certificates/${theirs.serialNumber}/status`), 'NOT_FOUND', 'NOT_FOUND for the status of another customer’s certificate');
  },
};

export const consentServed: Rule = {
  id: 'consent',
  title: 'The consent form is served with its version',
  effect: 'read',
  async run(ctx: RuleContext) {
    const exchange = await ctx.call(ctx.primary, 'GET', '/consent');
    const body = ctx.expectSuccess(exchange, 200, 'Consent', '200 with the Consent', ['version', 'title']);
    ctx.session.consentVersion = String(body['version']);
  },
};

export const announcementsServed: Rule = {
  id: 'announcements',
  title: 'Announcements are served newest first',
  effect: 'read',
  async run(ctx: RuleContext) {
    const exchange = await ctx.call(ctx.primary, 'GET', '/announcements');
    const body = ctx.expectSuccess(exchange, 200, 'AnnouncementsResponse', '200 with the AnnouncementsResponse');
    const times = (body['items'] as Array<{ publishedAt: string }>).map((a) => a.publishedAt);
    ctx.check(times.every((t, i) => i === 0 || Date.parse(t) <= Date.parse(times[i - 1]!)), { request: exchange.label, body: { publishedAt: times }, expected: 'publishedAt newest first' });
  },
};

export const problemDetails: Rule = {
  id: 'problem-details',
  title: 'Errors are application/problem+json with type, title, code and the HTTP status',
  effect: 'read',
  async run(ctx: RuleContext) {
    const consentVersion = 'conformance-not-a-version';
    const probes = [
      await ctx.call(ctx.primary, 'GET', `/certificates/${unknownSerial()}`),
      await ctx.call(ctx.primary, 'POST', `/otp/otp_conformance_${randomHex(8)}/verification`, { key: null, body: { code: '0000' } }),
      await ctx.call(ctx.primary, 'POST', '/certificates', { body: { csr: (await ctx.csr()).pem, otpToken: bogusOtpToken(), consentVersion } }),
    ];
    for (const exchange of probes) {
      const body = exchange.body as Record<string, unknown> | undefined;
      const decided = { contentType: exchange.contentType, ...(problemPart(body) ?? {}), status: body?.['status'] };
      ctx.check(exchange.status >= 400, { request: exchange.label, status: exchange.status, body: decided, expected: 'an error status' });
      ctx.check(exchange.contentType === 'application/problem+json', { request: exchange.label, status: exchange.status, body: decided, expected: 'Content-Type application/problem+json' });
      const errors = schemaErrors('ProblemDetails', body);
      ctx.check(errors.length === 0, { request: exchange.label, status: exchange.status, body: errors, expected: 'a ProblemDetails of the contract' });
      ctx.check(body?.['status'] === exchange.status, { request: exchange.label, status: exchange.status, body: decided, expected: 'the body’s status is the HTTP status' });
    }
  },
};

export const requestValidation: Rule = {
  id: 'request-validation',
  title: 'Malformed requests are 400 VALIDATION',
  effect: 'read',
  async run(ctx: RuleContext) {
    const otpId = `otp_conformance_${randomHex(8)}`;
    ctx.expectProblem(await ctx.call(ctx.primary, 'POST', '/otp', { body: { purpose: 'conformance-nonsense' } }), 'VALIDATION', 'VALIDATION for an unknown purpose');
    ctx.expectProblem(await ctx.call(ctx.primary, 'POST', '/otp', { rawBody: 'not json' }), 'VALIDATION', 'VALIDATION for a body that is not JSON');
    ctx.expectProblem(await ctx.call(ctx.primary, 'POST', `/otp/${otpId}/verification`, { body: { code: '12' } }), 'VALIDATION', 'VALIDATION for a code of 2 digits, before the code is looked up');
    ctx.expectProblem(await ctx.call(ctx.primary, 'POST', `/otp/${otpId}/verification`, { body: { code: 1234 } }), 'VALIDATION', 'VALIDATION for a code that is not a string');
    ctx.expectProblem(await ctx.call(ctx.primary, 'GET', '/certificates/not-hex'), 'VALIDATION', 'VALIDATION for a serial that is not upper-case hex');
  },
};

export const idempotencyKeyRequired: Rule = {
  id: 'idempotency-key-required',
  title: 'Every POST needs a well-formed Idempotency-Key: 400 VALIDATION without one',
  effect: 'read',
  async run(ctx: RuleContext) {
    const path = `/otp/otp_conformance_${randomHex(8)}/verification`;
    ctx.expectProblem(await ctx.call(ctx.primary, 'POST', path, { key: null, body: { code: '0000' } }), 'VALIDATION', 'VALIDATION without an Idempotency-Key');
    ctx.expectProblem(await ctx.call(ctx.primary, 'POST', path, { key: 'has spaces in it', body: { code: '0000' } }), 'VALIDATION', 'VALIDATION for a key with spaces');
  },
};

export const checkOrder: Rule = {
  id: 'check-order',
  title: 'The first failing check answers: request shape before otpToken, otpToken before consent and the certificate’s state',
  effect: 'read',
  async run(ctx: RuleContext) {
    const csr = (await ctx.csr()).pem;
    const serial = unknownSerial();
    ctx.expectProblem(
      await ctx.call(ctx.primary, 'POST', '/certificates', { body: { otpToken: bogusOtpToken(), consentVersion: 'conformance-not-a-version' } }),
      'VALIDATION',
      'VALIDATION (no csr) before OTP_TOKEN_INVALID',
    );
    ctx.expectProblem(
      await ctx.call(ctx.primary, 'POST', '/certificates', { body: { csr, otpToken: bogusOtpToken(), consentVersion: 'conformance-not-a-version' } }),
      'OTP_TOKEN_INVALID',
      'OTP_TOKEN_INVALID before CONSENT_REQUIRED',
    );
    ctx.expectProblem(
      await ctx.call(ctx.primary, 'POST', `/certificates/${serial}/renewal`, { body: { csr, otpToken: bogusOtpToken(), proof: 'MAA=' } }),
      'OTP_TOKEN_INVALID',
      'OTP_TOKEN_INVALID before NOT_FOUND (renewal of a serial never issued)',
    );
    ctx.expectProblem(
      await ctx.call(ctx.primary, 'POST', `/certificates/${serial}/revocation`, { body: { otpToken: bogusOtpToken() } }),
      'OTP_TOKEN_INVALID',
      'OTP_TOKEN_INVALID before NOT_FOUND (revocation of a serial never issued)',
    );
  },
};

export const readRules: readonly Rule[] = [
  unauthenticatedRefused,
  profileMasked,
  certificateList,
  certificateDetail,
  certificateNotFound,
  consentServed,
  announcementsServed,
  problemDetails,
  requestValidation,
  idempotencyKeyRequired,
  checkOrder,
];
