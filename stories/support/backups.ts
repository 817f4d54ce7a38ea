// The backup files the import stories choose, each made at run time: the customer's own backup,
// and one for each way a file is refused — not a backup, too large, too costly to open, a cipher
// the importer does not read, a key that is not its certificate's, another customer's. Built with
// the core's PKCS#12 writer, and with the DER builder of the PKCS#12 tests for the hostile shapes.
import { maxPkcs12Bytes, maxPkcs12Iterations, parseCertificate } from '../../src/core/index.ts';
import { der } from '../../src/core/crypto/der.ts';
import { bag, dataPart, encryptedPart, pfx, safeContents } from '../../test/core/crypto/pkcs12/pfx-builder.ts';
import { seedBackup } from './history.ts';
import type { Kit } from './kit.ts';

/** The password of every backup the stories make. */
export const backupPassword = 'abcd1234';

const file = (bytes: Uint8Array, name: string) => new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'application/x-pkcs12' });

/** The customer's own backup of the scenario's certificate (`A123456789_cert.pfx`). */
export async function ownBackup(kit: Kit): Promise<File> {
  return file(await seedBackup(kit, backupPassword), `${kit.customer.idNumber}_cert.pfx`);
}

/** Another customer's backup (the mock's second customer always holds a valid PC certificate). */
export async function othersBackup(kit: Kit): Promise<File> {
  const other = kit.backend.customers[1]!;
  return file(await seedBackup(kit, backupPassword, other.idNumber), `${other.idNumber}_cert.pfx`);
}

/** Not a backup at all: the same 900 bytes every time. */
export const notABackup = () => file(Uint8Array.from({ length: 900 }, (_, i) => (i * 37 + 11) % 256), 'photo.pfx');

/** One byte larger than a backup can be (it is refused before it is read). */
export const tooLarge = () => file(new Uint8Array(maxPkcs12Bytes + 1), 'huge.pfx');

async function customerCertificate(kit: Kit): Promise<Uint8Array> {
  const seed = await kit.backend.seededCredential();
  if (!seed) throw new Error('the scenario has no seeded certificate');
  return parseCertificate(seed.certificatePem).der;
}

/** Its MAC asks for more iterations than an import allows: refused before any key derivation. */
export async function tooCostly(kit: Kit): Promise<File> {
  const contents = dataPart(safeContents(bag.cert(await customerCertificate(kit))));
  return file(pfx([contents], { hash: 'SHA-256', iterations: maxPkcs12Iterations + 1, value: new Uint8Array(32) }), 'costly.pfx');
}

/** Encrypted with Camellia-256-CBC (RFC 3657), which the importer does not read; the MAC is right. */
export async function unsupportedCipher(kit: Kit): Promise<File> {
  const camellia = der.algorithm('1.2.392.200011.61.1.1.1.4', der.octetString(new Uint8Array(16).fill(1)));
  const parts = [dataPart(safeContents(bag.cert(await customerCertificate(kit)))), encryptedPart(camellia, new Uint8Array(64).fill(2))];
  return file(pfx(parts, { hash: 'SHA-256', iterations: 2048, password: backupPassword }), 'camellia.pfx');
}

/** The customer's certificate beside a private key that is not its own. */
export async function strangersKey(kit: Kit): Promise<File> {
  const stranger = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', stranger.privateKey));
  const contents = dataPart(safeContents(bag.key(pkcs8), bag.cert(await customerCertificate(kit))));
  return file(pfx([contents], { hash: 'SHA-256', iterations: 2048, password: backupPassword }), 'mismatch.p12');
}
