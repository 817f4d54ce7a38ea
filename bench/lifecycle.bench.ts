// How long apply takes, split into its steps, against the mock CA in this process (msw/node)
// with the memory store. A real network adds its own round trip; IndexedDB adds a few ms.
import { setupServer } from 'msw/node';
import { createMockBackend } from '../mocks';
import { createCertCenter, type KeyAlgorithmName, type ProgressStep } from '../src/core';
import { createMemoryStore } from '../src/core/store';

const quick = process.argv.includes('--quick');
const rounds = quick ? 1 : 7;
const baseUrl = 'http://broker.test/api/cert-center/v1';
const backend = createMockBackend({ scenario: 'new-customer' });
await backend.ready;
const server = setupServer(...backend.handlers);
server.listen({ onUnhandledFrame: 'error' } as never);

type Split = { keyAndCsr: number; storePending: number; roundTrip: number; storeCertificate: number; total: number };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function applyOnce(keyAlgorithm: KeyAlgorithmName): Promise<Split> {
  await backend.reset('new-customer');
  const center = createCertCenter({ baseUrl, getAccessToken: () => backend.customers[0]!.token, store: createMemoryStore(), keyAlgorithm, worker: false });
  const consent = await center.consent();
  const sent = await center.requestOtp('apply');
  const { otpToken } = await center.verifyOtp(sent.otpId, backend.inbox.last()!.code);
  const at: Partial<Record<ProgressStep, number>> = {};
  const started = performance.now();
  await center.apply({ otpToken, consentVersion: consent.version, onProgress: (step) => (at[step] = performance.now()) });
  center.close();
  return {
    keyAndCsr: at['storing-key']! - started,
    storePending: at['sending-request']! - at['storing-key']!,
    roundTrip: at['storing-certificate']! - at['sending-request']!,
    storeCertificate: at.done! - at['storing-certificate']!,
    total: at.done! - started,
  };
}

process.stdout.write(`\napply (median of ${rounds}; mock CA in-process, memory store):\n\n`);
process.stdout.write('| key | key pair + CSR | store pending | round trip (CA issues) | check + store certificate | total |\n| --- | ---: | ---: | ---: | ---: | ---: |\n');
for (const algorithm of ['RSA-2048', 'ECDSA-P256'] as const) {
  const splits: Split[] = [];
  for (let i = 0; i < rounds; i++) splits.push(await applyOnce(algorithm));
  const col = (k: keyof Split) => `${median(splits.map((s) => s[k])).toFixed(1)} ms`;
  process.stdout.write(`| ${algorithm} | ${col('keyAndCsr')} | ${col('storePending')} | ${col('roundTrip')} | ${col('storeCertificate')} | ${col('total')} |\n`);
}
server.close();
