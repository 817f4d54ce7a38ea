// The rules that need certificates to change: CSR checks, applying, one PC certificate per ID,
// single-use otpTokens, renewal (window, proof, new key, the old one revoked), revocation and
// its yearly count. They run only with --allow-writes. Against the mock each rule seeds its own
// scenario; against a real server they carry one certificate from rule to rule.
import { parseCertificate } from '../../core/index.ts';
import { pick, problemPart, type Credential, type Customer, type Rule, type RuleContext } from '../context.ts';

const day = 86_400_000;
const hour = 3_600_000;
const wrongConsent = 'conformance-not-a-version';

async function spki(key: CryptoKey): Promise<string> {
  return Array.from(new Uint8Array(await crypto.subtle.exportKey('spki', key)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function certificateOf(ctx: RuleContext, pem: unknown, request: string) {
  try {
    return parseCertificate(String(pem));
  } catch {
    ctx.fail({ request, body: 'certificate', expected: 'the certificate PEM is an X.509 certificate' });
  }
}

async function renew(ctx: RuleContext, owner: Customer, serialNumber: string, body: { csr: string; proof: string; otpToken?: string }) {
  const otpToken = body.otpToken ?? (await ctx.otpToken(owner, 'renew'));
  return ctx.call(owner, 'POST', `/certificates/${serialNumber}/renewal`, { body: { csr: body.csr, otpToken, proof: body.proof } });
}

async function revoke(ctx: RuleContext, owner: Customer, serialNumber: string) {
  const otpToken = await ctx.otpToken(owner, 'revoke');
  return ctx.call(owner, 'POST', `/certificates/${serialNumber}/revocation`, { body: { otpToken } });
}

/** A seeded certificate of a mock scenario, or the renewal customer's certificate in its window. */
async function certificateInWindow(ctx: RuleContext): Promise<{ owner: Customer; serialNumber: string; certificatePem: string } | undefined> {
  const mock = ctx.mockWrites;
  const owner = mock ? ctx.primary : ctx.session.renewal;
  if (!owner) return undefined;
  if (mock) await mock.reset('renewal-due');
  const list = await ctx.list(owner);
  const at = list.now.getTime();
  const listed = list.items.find((c) => c.device.kind === 'pc' && c.status !== 'revoked' && Date.parse(c.renewFrom) <= at && at <= Date.parse(c.renewUntil));
  if (!listed) return undefined;
  const detail = await ctx.detail(owner, listed.serialNumber);
  return { owner, serialNumber: listed.serialNumber, certificatePem: String(detail['certificate']) };
}

export const csrKeyStrength: Rule = {
  id: 'csr-key-strength',
  title: 'A CSR with a weak key (RSA-1024) is 422 CSR_INVALID',
  effect: 'writes',
  plan: 'applies with an RSA-1024 CSR (a conforming server issues nothing)',
  async run(ctx: RuleContext) {
    await ctx.freshCustomer();
    const { exchange } = await ctx.apply(ctx.primary, { csr: await ctx.csr({ kind: 'RSA-1024' }) });
    ctx.expectProblem(exchange, 'CSR_INVALID', 'CSR_INVALID (reason rsa-modulus) for an RSA-1024 key', (b) => b['reason'] === undefined || b['reason'] === 'rsa-modulus');
  },
};

export const csrSignature: Rule = {
  id: 'csr-signature',
  title: 'A CSR whose signature does not verify is 422 CSR_INVALID',
  effect: 'writes',
  plan: 'applies with a CSR whose signature is broken (a conforming server issues nothing)',
  async run(ctx: RuleContext) {
    await ctx.freshCustomer();
    const { exchange } = await ctx.apply(ctx.primary, { csr: await ctx.csr({ tamper: true }) });
    ctx.expectProblem(exchange, 'CSR_INVALID', 'CSR_INVALID (reason signature) for a broken signature', (b) => b['reason'] === undefined || b['reason'] === 'signature');
  },
};

export const applyIssues: Rule = {
  id: 'apply-issues',
  title: 'Applying issues a PC certificate for the CSR’s key, valid for validityDays, and lists it',
  effect: 'writes',
  plan: 'issues a PC certificate for the customer (a new P-256 key)',
  async run(ctx: RuleContext) {
    await ctx.freshCustomer();
    const { validityDays } = (await ctx.list()).policy;
    const made = await ctx.apply(ctx.primary);
    const body = ctx.expectSuccess(made.exchange, 201, 'CertificateDetail', '201 with the CertificateDetail', ['serialNumber', 'status', 'device']);
    const request = made.exchange.label;
    const decided = pick(body, ['serialNumber', 'status', 'device', 'notBefore', 'notAfter']);
    const info = certificateOf(ctx, body['certificate'], request);
    ctx.check((body['device'] as { kind?: string }).kind === 'pc', { request, body: decided, expected: 'a PC certificate' });
    ctx.check(body['status'] === 'valid' || body['status'] === 'renewal-due', { request, body: decided, expected: 'in force: valid (renewal-due when validityDays ≤ renewBeforeDays)' });
    ctx.check(info.serialNumber === body['serialNumber'], { request, body: { serialNumber: body['serialNumber'], pemSerial: info.serialNumber }, expected: 'the serial of the PEM' });
    ctx.check(hex(info.subjectPublicKeyInfo) === (await spki(made.csr.keyPair.publicKey)), { request, body: { keyAlgorithm: info.keyAlgorithm }, expected: 'the public key of the CSR' });
    // CAs often backdate notBefore a little against clock skew: up to an hour is the same validity.
    const lifetime = Date.parse(String(body['notAfter'])) - Date.parse(String(body['notBefore']));
    ctx.check(lifetime >= validityDays * day - 1000 && lifetime <= validityDays * day + hour, { request, body: decided, expected: `valid for the policy's ${validityDays} days` });
    const listed = (await ctx.list()).items.find((c) => c.serialNumber === body['serialNumber']);
    ctx.check(listed !== undefined && listed.status !== 'revoked', { request: 'GET /certificates', body: listed ? pick(listed, ['serialNumber', 'status']) : { items: 'without it' }, expected: 'listed, in force' });
    const serialNumber = String(body['serialNumber']);
    ctx.session.shared.apply = { key: made.key, body: made.body, serialNumber };
    ctx.session.shared.credential = { owner: ctx.primary, serialNumber, certificatePem: String(body['certificate']), keyPair: made.csr.keyPair, otpToken: String(made.body['otpToken']) };
  },
};

export const onePcCertificate: Rule = {
  id: 'one-pc-certificate',
  title: 'One PC certificate per ID: applying while one is in force (or expired but renewable) is 409 CERT_EXISTS',
  effect: 'writes',
  plan: 'applies again while the customer’s certificate is in force (a conforming server issues nothing); the mock: also with an expired one, and with only a mobile certificate (issues one)',
  async run(ctx: RuleContext) {
    const credential = await ctx.credential();
    ctx.expectProblem((await ctx.apply(ctx.primary)).exchange, 'CERT_EXISTS', `CERT_EXISTS while ${credential.serialNumber} is in force`);
    const mock = ctx.mockWrites;
    if (!mock) return;
    await mock.reset('expired');
    ctx.note('mock scenario expired: the PC certificate expired 10 days ago, renewable for 20 more');
    ctx.expectProblem((await ctx.apply(ctx.primary)).exchange, 'CERT_EXISTS', 'CERT_EXISTS while an expired certificate is still renewable');
    await mock.reset('other-device');
    ctx.note('mock scenario other-device: only a mobile certificate');
    ctx.expectSuccess((await ctx.apply(ctx.primary)).exchange, 201, undefined, '201: a mobile certificate is not a PC certificate', ['serialNumber']);
  },
};

export const otpTokenSingleUse: Rule = {
  id: 'otp-token-single-use',
  title: 'An otpToken is used up by the operation it allowed, and only by a successful one',
  effect: 'writes',
  plan: 'applies again with the token that issued the certificate, and with a fresh token after a refusal (a conforming server issues nothing)',
  async run(ctx: RuleContext) {
    const credential = await ctx.credential();
    if (!credential.otpToken) ctx.skip('the token that issued the certificate is not known');
    const reused = await ctx.apply(ctx.primary, { otpToken: credential.otpToken });
    ctx.expectProblem(reused.exchange, 'OTP_TOKEN_INVALID', `OTP_TOKEN_INVALID for the token that issued ${credential.serialNumber}`);
    const otpToken = await ctx.otpToken(ctx.primary, 'apply');
    ctx.expectProblem((await ctx.apply(ctx.primary, { otpToken, consentVersion: wrongConsent })).exchange, 'CONSENT_REQUIRED', 'CONSENT_REQUIRED for a wrong consent version');
    const corrected = (await ctx.apply(ctx.primary, { otpToken })).exchange;
    const code = (corrected.body as Record<string, unknown> | undefined)?.['code'];
    ctx.check(code !== 'OTP_TOKEN_INVALID', { request: corrected.label, status: corrected.status, body: problemPart(corrected.body), expected: 'the refused request left the token usable (CERT_EXISTS, not OTP_TOKEN_INVALID)' });
  },
};

export const renewalWindow: Rule = {
  id: 'renewal-window',
  title: 'Renewal is open from renewFrom to renewUntil only: 409 RENEWAL_NOT_OPEN outside',
  effect: 'writes',
  plan: 'renews outside and inside the window with proofs that do not verify (a conforming server issues nothing); the mock: seeds renewal-due and expired and moves the clock',
  async run(ctx: RuleContext) {
    const credential = await ctx.credential();
    const list = await ctx.list();
    const listed = list.items.find((c) => c.serialNumber === credential.serialNumber);
    if (listed && list.now.getTime() < Date.parse(listed.renewFrom)) {
      const csr = await ctx.csr();
      const exchange = await renew(ctx, ctx.primary, credential.serialNumber, { csr: csr.pem, proof: await ctx.foreignProof(csr.der, credential.certificatePem) });
      ctx.expectProblem(exchange, 'RENEWAL_NOT_OPEN', `RENEWAL_NOT_OPEN before renewFrom (${listed.renewFrom})`);
    } else {
      ctx.note('the window of a new certificate opens at once here: before the window was not tried');
    }
    const inside = await certificateInWindow(ctx);
    if (inside) {
      const csr = await ctx.csr();
      const exchange = await renew(ctx, inside.owner, inside.serialNumber, { csr: csr.pem, proof: await ctx.foreignProof(csr.der, inside.certificatePem) });
      const code = (exchange.body as Record<string, unknown> | undefined)?.['code'];
      if (code === 'RATE_LIMITED') ctx.rateLimited(exchange);
      ctx.check(exchange.status === 201 || code === 'RENEWAL_PROOF_INVALID', {
        request: exchange.label,
        status: exchange.status,
        body: problemPart(exchange.body),
        expected: 'inside the window the window check passes (here the proof check refuses: RENEWAL_PROOF_INVALID)',
      });
    } else {
      ctx.note('no certificate in its renewal window (--renewal-token): inside the window was not tried');
    }
    const mock = ctx.mockWrites;
    if (!mock) {
      ctx.note('after renewUntil needs the mock’s clock: not tried');
      if (!ctx.evidence.some((e) => e.ok !== undefined)) ctx.skip('nothing about the window could be tried here (see the notes)');
      return;
    }
    await mock.reset('expired');
    const expired = (await ctx.list()).items.find((c) => c.device.kind === 'pc');
    if (!expired) ctx.skip('the mock’s expired scenario listed no PC certificate');
    await mock.clock({ set: new Date(Date.parse(expired.renewUntil) + day) });
    ctx.note(`mock scenario expired, clock set a day after renewUntil (${expired.renewUntil})`);
    const pem = String((await ctx.detail(ctx.primary, expired.serialNumber))['certificate']);
    const csr = await ctx.csr();
    const late = await renew(ctx, ctx.primary, expired.serialNumber, { csr: csr.pem, proof: await ctx.foreignProof(csr.der, pem) });
    ctx.expectProblem(late, 'RENEWAL_NOT_OPEN', 'RENEWAL_NOT_OPEN after renewUntil');
  },
};

export const renewalNewKey: Rule = {
  id: 'renewal-new-key',
  title: 'Renewal needs a new key pair: a CSR with the current certificate’s key is 422 CSR_INVALID',
  effect: 'writes',
  plan: 'renews with the current key (a conforming server issues nothing)',
  async run(ctx: RuleContext) {
    const current = await ctx.renewable();
    const csr = await ctx.csr({ keyPair: current.keyPair });
    const proof = await ctx.proof(csr.der, current.keyPair.privateKey, current.certificatePem);
    const exchange = await renew(ctx, current.owner, current.serialNumber, { csr: csr.pem, proof });
    ctx.expectProblem(exchange, 'CSR_INVALID', 'CSR_INVALID (reason key-reused) for the renewed certificate’s own key', (b) => b['reason'] === undefined || b['reason'] === 'key-reused');
  },
};

export const renewalProof: Rule = {
  id: 'renewal-proof',
  title: 'Renewal needs a proof by the current certificate’s key over the new CSR: 422 RENEWAL_PROOF_INVALID otherwise',
  effect: 'writes',
  plan: 'renews with two proofs that must not verify, then with a good one (renews the customer’s certificate)',
  async run(ctx: RuleContext) {
    const current = await ctx.renewable();
    const stranger = await ctx.csr();
    const foreign = await renew(ctx, current.owner, current.serialNumber, { csr: stranger.pem, proof: await ctx.foreignProof(stranger.der, current.certificatePem) });
    ctx.expectProblem(foreign, 'RENEWAL_PROOF_INVALID', 'RENEWAL_PROOF_INVALID for a proof made with another key');
    const csr = await ctx.csr();
    const elsewhere = await ctx.csr();
    const misdirected = await renew(ctx, current.owner, current.serialNumber, { csr: csr.pem, proof: await ctx.proof(elsewhere.der, current.keyPair.privateKey, current.certificatePem) });
    ctx.expectProblem(misdirected, 'RENEWAL_PROOF_INVALID', 'RENEWAL_PROOF_INVALID for a proof over another CSR');
    const fresh = await ctx.csr();
    const otpToken = await ctx.otpToken(current.owner, 'renew');
    const good = await renew(ctx, current.owner, current.serialNumber, { csr: fresh.pem, otpToken, proof: await ctx.proof(fresh.der, current.keyPair.privateKey, current.certificatePem) });
    const body = ctx.expectSuccess(good, 201, 'CertificateDetail', '201 with the new certificate for a good proof', ['serialNumber', 'status']);
    const info = certificateOf(ctx, body['certificate'], good.label);
    ctx.check(body['serialNumber'] !== current.serialNumber && hex(info.subjectPublicKeyInfo) === (await spki(fresh.keyPair.publicKey)), {
      request: good.label,
      body: { serialNumber: body['serialNumber'], renewed: current.serialNumber },
      expected: 'a new certificate for the new CSR’s key',
    });
    const renewed: Credential = { owner: current.owner, serialNumber: String(body['serialNumber']), certificatePem: String(body['certificate']), keyPair: fresh.keyPair, otpToken };
    ctx.session.shared.renewal = { old: current, renewed, revocationsLeftBefore: current.revocationsLeft };
    if (current.owner.role === 'primary') ctx.session.shared.credential = renewed;
  },
};

export const renewalRevokesOld: Rule = {
  id: 'renewal-revokes-old',
  title: 'When the new certificate is issued the old one is revoked, and that does not count against the revocation limit',
  effect: 'writes',
  plan: 'looks at the renewal of renewal-proof (the mock: renews a certificate of its own)',
  async run(ctx: RuleContext) {
    let renewal = ctx.session.shared.renewal;
    if (ctx.mockWrites) {
      const current = await ctx.renewable();
      const csr = await ctx.csr();
      const exchange = await renew(ctx, current.owner, current.serialNumber, { csr: csr.pem, proof: await ctx.proof(csr.der, current.keyPair.privateKey, current.certificatePem) });
      const body = ctx.expectSuccess(exchange, 201, undefined, '201 for the renewal', ['serialNumber']);
      renewal = { old: current, renewed: { owner: current.owner, serialNumber: String(body['serialNumber']), certificatePem: String(body['certificate']), keyPair: csr.keyPair }, revocationsLeftBefore: current.revocationsLeft };
    }
    if (!renewal) ctx.skip('renewal-proof renewed no certificate in this run');
    const { old, renewed, revocationsLeftBefore } = renewal;
    const status = await ctx.call(old.owner, 'GET', `/certificates/${old.serialNumber}/status`);
    const answer = ctx.expectSuccess(status, 200, 'CertificateStatusResponse', '200 with the old certificate’s status', ['status', 'revokedAt']);
    ctx.check(answer['status'] === 'revoked' && typeof answer['revokedAt'] === 'string', { request: status.label, body: pick(answer, ['status', 'revokedAt']), expected: `the renewed certificate ${old.serialNumber} is revoked` });
    const list = await ctx.list(old.owner);
    const now = list.items.find((c) => c.serialNumber === renewed.serialNumber);
    ctx.check(now !== undefined && now.status !== 'revoked', { request: 'GET /certificates', body: now ? pick(now, ['serialNumber', 'status']) : { items: 'without it' }, expected: `the new certificate ${renewed.serialNumber} in force` });
    ctx.check(list.policy.revocationsLeft === revocationsLeftBefore, {
      request: 'GET /certificates',
      body: { revocationsLeft: list.policy.revocationsLeft, before: revocationsLeftBefore },
      expected: 'revocationsLeft as before the renewal (superseded is not counted)',
    });
  },
};

export const checkOrderCertificate: Rule = {
  id: 'check-order-certificate',
  title: 'The first failing check answers, with a certificate at stake: consent before its state, its state before the CSR, the CSR before the proof',
  effect: 'writes',
  plan: 'applies and renews with requests that fail two checks at once (a conforming server issues nothing); the mock: seeds renewal-due',
  async run(ctx: RuleContext) {
    const inside = await certificateInWindow(ctx);
    const holder = inside?.owner ?? (ctx.session.shared.credential ? ctx.primary : undefined);
    if (!holder) ctx.skip('no customer with a certificate in force: needs apply-issues, --renewal-token or the mock');
    const consent = await ctx.apply(holder, { consentVersion: wrongConsent });
    ctx.expectProblem(consent.exchange, 'CONSENT_REQUIRED', 'CONSENT_REQUIRED (a wrong consent version) before CERT_EXISTS');
    const bothExist = ctx.passed('one-pc-certificate') && ctx.passed('csr-signature');
    if (bothExist) {
      const state = await ctx.apply(holder, { csr: await ctx.csr({ tamper: true }) });
      ctx.expectProblem(state.exchange, 'CERT_EXISTS', 'CERT_EXISTS before CSR_INVALID (a broken CSR signature)');
    } else {
      ctx.note('one-pc-certificate or csr-signature did not pass, so CERT_EXISTS before CSR_INVALID was not judged');
    }
    if (!inside) return ctx.note('no certificate in its renewal window: CSR before proof was not judged');
    if (!(ctx.passed('csr-signature') && ctx.passed('renewal-proof'))) return ctx.note('csr-signature or renewal-proof did not pass, so CSR before proof was not judged');
    const broken = await ctx.csr({ tamper: true });
    const exchange = await renew(ctx, inside.owner, inside.serialNumber, { csr: broken.pem, proof: await ctx.foreignProof(broken.der, inside.certificatePem) });
    ctx.expectProblem(exchange, 'CSR_INVALID', 'CSR_INVALID (a broken CSR signature) before RENEWAL_PROOF_INVALID');
  },
};

export const revocation: Rule = {
  id: 'revocation',
  title: 'Revoking an active certificate answers it revoked; revoking it again is 409 CERT_NOT_ACTIVE',
  effect: 'writes',
  plan: 'revokes the customer’s certificate (uses one of the yearly online revocations)',
  async run(ctx: RuleContext) {
    const credential = await ctx.credential();
    const before = (await ctx.list()).policy.revocationsLeft;
    if (before === 0) ctx.skip('no online revocations left this year (revocation-count checks the limit)');
    const exchange = await revoke(ctx, ctx.primary, credential.serialNumber);
    const body = ctx.expectSuccess(exchange, 200, 'RevocationResult', '200 with the RevocationResult', ['serialNumber', 'status', 'revokedAt']);
    ctx.check(body['serialNumber'] === credential.serialNumber && body['status'] === 'revoked', { request: exchange.label, body: pick(body, ['serialNumber', 'status', 'revokedAt']), expected: `${credential.serialNumber} revoked` });
    const status = await ctx.call(ctx.primary, 'GET', `/certificates/${credential.serialNumber}/status`);
    const answer = ctx.expectSuccess(status, 200, 'CertificateStatusResponse', '200 with its status', ['status']);
    ctx.check(answer['status'] === 'revoked', { request: status.label, body: pick(answer, ['status', 'revokedAt']), expected: 'revoked' });
    ctx.expectProblem(await revoke(ctx, ctx.primary, credential.serialNumber), 'CERT_NOT_ACTIVE', 'CERT_NOT_ACTIVE for revoking it again');
    ctx.session.shared.revocation = { before, after: Number(body['revocationsLeft']) };
    if (ctx.session.shared.credential?.serialNumber === credential.serialNumber) delete ctx.session.shared.credential;
  },
};

export const revocationCount: Rule = {
  id: 'revocation-count',
  title: 'Each revocation takes one of revocationsPerYear; with none left, 409 REVOCATION_LIMIT',
  effect: 'writes',
  plan: 'looks at the revocation of the revocation rule (the mock: revokes one of its own, then seeds revocation-limit and tries again)',
  async run(ctx: RuleContext) {
    const mock = ctx.mockWrites;
    let counted = ctx.session.shared.revocation;
    if (mock) {
      const credential = await ctx.credential();
      const before = (await ctx.list()).policy.revocationsLeft;
      const exchange = await revoke(ctx, ctx.primary, credential.serialNumber);
      const body = ctx.expectSuccess(exchange, 200, undefined, '200 for the revocation', ['revocationsLeft']);
      counted = { before, after: Number(body['revocationsLeft']) };
    }
    let judged = false;
    if (counted) {
      const listed = (await ctx.list()).policy.revocationsLeft;
      ctx.check(counted.after === counted.before - 1 && listed === counted.before - 1, {
        request: 'POST /certificates/{serialNumber}/revocation, GET /certificates',
        body: { before: counted.before, answered: counted.after, listed },
        expected: 'revocationsLeft one less, in the answer and in the policy',
      });
      judged = true;
    }
    if (mock) {
      await mock.reset('revocation-limit');
      ctx.note('mock scenario revocation-limit: three revocations in the last year');
    }
    const list = await ctx.list();
    const inForce = list.items.find((c) => c.device.kind === 'pc' && c.status !== 'revoked' && c.status !== 'expired');
    if (list.policy.revocationsLeft === 0 && inForce) {
      const exchange = await revoke(ctx, ctx.primary, inForce.serialNumber);
      ctx.expectProblem(exchange, 'REVOCATION_LIMIT', 'REVOCATION_LIMIT with no revocations left', (b) => b['revocationsLeft'] === undefined || b['revocationsLeft'] === 0);
      judged = true;
    } else {
      ctx.note(`${list.policy.revocationsLeft} revocations left: the limit was not reached`);
    }
    if (!judged) ctx.skip('no revocation in this run and the limit not reached');
  },
};

export const certificateRules: readonly Rule[] = [
  csrKeyStrength,
  csrSignature,
  applyIssues,
  onePcCertificate,
  otpTokenSingleUse,
  renewalWindow,
  renewalNewKey,
  renewalProof,
  renewalRevokesOld,
  checkOrderCertificate,
  revocation,
  revocationCount,
];
