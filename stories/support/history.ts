// What happened before the customer opened the page, done through the core as the customer once
// did it: applied here, imported a backup of the scenario's certificate, revoked it; and what a
// browser can be left with (a key that is not its certificate's, a damaged record).
import { createIndexedDbStore, exportPkcs12, type LocalCredential } from '../../src/core/index.ts';
import type { Kit } from './kit.ts';

/** 申請 through the core: code, consent, apply. */
export async function applied(kit: Kit): Promise<LocalCredential> {
  const sent = await kit.center.requestOtp('apply');
  const { otpToken } = await kit.center.verifyOtp(sent.otpId, kit.lastCode());
  return kit.center.apply({ otpToken, consentVersion: (await kit.center.consent()).version });
}

/** A backup (.pfx) of the scenario's seeded certificate of a customer (default the story's), made with the core's writer. */
export async function seedBackup(kit: Kit, password = 'abcd1234', idNumber = kit.customer.idNumber): Promise<Uint8Array> {
  const seed = await kit.backend.seededCredential(idNumber);
  if (!seed) throw new Error('the scenario has no seeded certificate');
  const { chain } = await kit.backend.ca();
  return exportPkcs12({ privateKey: seed.privateKey, certificate: seed.certificatePem, chain, password, iterations: 2048 });
}

/** 匯入 of a backup of the scenario's seeded certificate: it is stored in this browser. */
export async function importedSeed(kit: Kit): Promise<LocalCredential> {
  return kit.center.importBackup(await seedBackup(kit), 'abcd1234');
}

/** 註銷 through the core. */
export async function revoked(kit: Kit, serialNumber: string): Promise<void> {
  const sent = await kit.center.requestOtp('revoke');
  const { otpToken } = await kit.center.verifyOtp(sent.otpId, kit.lastCode());
  await kit.center.revoke({ otpToken, serialNumber });
}

/** The stored record of `serialNumber` now holds a key that is not its certificate's. */
export async function withStrangerKey(kit: Kit, serialNumber: string): Promise<void> {
  const store = createIndexedDbStore({ name: kit.storeName });
  try {
    const stored = (await store.getCredential(serialNumber))!;
    const stranger = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    await store.putCredential({ ...stored, privateKey: stranger.privateKey, publicKey: stranger.publicKey });
  } finally {
    await store.close();
  }
}

/** A record under `serialNumber` whose certificate cannot be read, beside `like`'s. */
export async function damagedRecord(kit: Kit, like: string, serialNumber = 'DEAD'): Promise<string> {
  const store = createIndexedDbStore({ name: kit.storeName });
  try {
    const stored = (await store.getCredential(like))!;
    await store.putCredential({ ...stored, serialNumber, certificate: new Uint8Array([0x30, 0x00]) });
  } finally {
    await store.close();
  }
  return serialNumber;
}

/** Moves the mock's clock (which the center reads too) by whole days. */
export function daysLater(kit: Kit, days: number): void {
  kit.backend.clock.advance(days * 86_400_000);
}
