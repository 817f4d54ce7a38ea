// Strictness of the DER reader and of X.509 reading: the element cap, INTEGER and OBJECT
// IDENTIFIER encodings, certificate serial numbers. Every hostile input is built here, at run
// time, by the project's DER writer from certificates and files OpenSSL made.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCertificate } from '../../../src/core/crypto/certificate';
import { signCms, verifyCms } from '../../../src/core/crypto/cms';
import { generateKeyPair } from '../../../src/core/crypto/key-pair';
import { concatBytes, parsePemBlocks, toPem, utf8 } from '../../../src/core/crypto/bytes';
import { der, explicit, maxBerNodes, octetString, oid, parseBer, sequence, setOf, smallInteger, tlv } from '../../../src/core/crypto/der';
import { writeName } from '../../../src/core/crypto/x509-name';
import { importPkcs12, maxPkcs12Bytes } from '../../../src/core/crypto/pkcs12/pkcs12-import';
import { openssl, opensslOk } from '../../support/openssl';
import { createTestCa, type TestCa } from '../../support/test-ca';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const hex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));
const integer = (contents: string) => tlv(0x02, hex(contents));
const commonName = (cn: string) => writeName([['2.5.4.3', tlv(0x0c, utf8(cn))]]);

/** `count` empty SEQUENCEs (30 00) one after the other: the cheapest input per element. */
function empties(count: number): Uint8Array {
  const bytes = new Uint8Array(count * 2);
  for (let i = 0; i < bytes.length; i += 2) bytes[i] = 0x30;
  return bytes;
}
const emptySequences = (count: number) => tlv(0x30, empties(count));

/** The same certificate with some tbsCertificate fields replaced; its signature no longer holds, which parsing does not check. */
function withTbs(certificate: Uint8Array, edit: (fields: Uint8Array[]) => void, signatureAlgorithm?: Uint8Array): Uint8Array {
  const [tbs, algorithm, signature] = sequence(parseBer(certificate), 'Certificate', 3);
  const fields = tbs!.children.map((field) => field.raw);
  edit(fields);
  return der.sequence(der.sequence(...fields), signatureAlgorithm ?? algorithm!.raw, signature!.raw);
}

/** What `openssl x509` says of a DER certificate: its serial, or that it cannot read it. */
async function opensslSerial(certificate: Uint8Array): Promise<string | undefined> {
  const run = await openssl(['x509', '-inform', 'DER', '-in', 'c.der', '-noout', '-serial'], { files: { 'c.der': certificate } });
  return run.code === 0 ? run.stdout.trim() : undefined;
}

let ca: TestCa;
let root: Uint8Array;
beforeAll(async () => {
  ca = await createTestCa('ec');
  root = parseCertificate(ca.rootPem).der;
});

/** An end-entity key and certificate made by OpenSSL, as PEM. */
async function endEntity(): Promise<{ keyPem: string; certificatePem: string }> {
  const made = await opensslOk(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'k.pem', '-subj', '/CN=A123456789', '-out', 'r.pem']);
  return { keyPem: text(made.files['k.pem']!), certificatePem: await ca.sign(text(made.files['r.pem']!)) };
}

describe('BER reader: elements per parse are capped', () => {
  it('reads exactly maxBerNodes elements and refuses one more, counting every element it made', () => {
    const stats = { nodes: 0 };
    expect(parseBer(emptySequences(maxBerNodes - 1), { stats }).children).toHaveLength(maxBerNodes - 1);
    expect(stats.nodes).toBe(maxBerNodes);
    expect(() => parseBer(emptySequences(maxBerNodes), { stats })).toThrow(TypeError);
    expect(stats.nodes).toBe(maxBerNodes);
    expect(() => parseBer(tlv(0x30, concatBytes(der.null(), der.null())), { maxNodes: 2 })).toThrow(TypeError);
    expect(parseBer(tlv(0x30, der.null()), { maxNodes: 2 }).children).toHaveLength(1);
  });

  const mib = 1024 * 1024;

  it('stops 1 MiB of empty SEQUENCEs, definite or indefinite, nested or flat, after maxBerNodes elements', () => {
    const flat = emptySequences(mib / 2);
    const indefinite = concatBytes(Uint8Array.of(0x30, 0x80), empties(mib / 2), Uint8Array.of(0, 0));
    // Nested 30 levels deep (under the depth limit), each level holding empty SEQUENCEs.
    const perLevel = Math.ceil(mib / 60);
    let nested: Uint8Array = emptySequences(perLevel);
    for (let level = 0; level < 30; level++) nested = der.sequence(nested, emptySequences(perLevel));
    for (const hostile of [flat, indefinite, nested]) {
      expect(hostile.length).toBeGreaterThanOrEqual(mib);
      const stats = { nodes: 0 };
      expect(() => parseBer(hostile, { stats })).toThrow(TypeError);
      expect(stats.nodes).toBe(maxBerNodes);
    }
  });

  it('refuses a PKCS#12 file padded with empty SEQUENCEs up to the size cap as PFX_MALFORMED', async () => {
    const { keyPem, certificatePem } = await endEntity();
    const made = await opensslOk(['pkcs12', '-export', '-in', 'c.pem', '-inkey', 'k.pem', '-passout', 'pass:Abcd1234', '-out', 'p.pfx'], {
      files: { 'c.pem': certificatePem, 'k.pem': keyPem },
    });
    const pfx = made.files['p.pfx']!;
    expect((await importPkcs12(pfx, 'Abcd1234')).certificate.commonName).toBe('A123456789');
    const fields = parseBer(pfx).children.map((field) => field.raw);
    const room = maxPkcs12Bytes - pfx.length - 16;
    const hostile = der.sequence(...fields, emptySequences(Math.floor(room / 2)));
    expect(hostile.length).toBeLessThanOrEqual(maxPkcs12Bytes);
    const stats = { nodes: 0 };
    expect(() => parseBer(hostile, { stats })).toThrow(TypeError);
    expect(stats.nodes).toBe(maxBerNodes);
    await expect(importPkcs12(hostile, 'Abcd1234')).rejects.toMatchObject({ code: 'PFX_MALFORMED' });
  });

  it('refuses a CMS signature with 1 MiB of unsigned attributes as CMS_MALFORMED', async () => {
    const keyPair = await generateKeyPair({ algorithm: 'ECDSA-P256' });
    const certificate = parseCertificate(await ca.issue(keyPair));
    const order = utf8('BUY 2330 1000 @ 1085.00');
    const signature = await signCms(order, { privateKey: keyPair.privateKey, certificate });
    const [type, content] = sequence(parseBer(signature), 'ContentInfo', 2);
    const signedData = sequence(explicit(content, 0, 'content'), 'SignedData', 5).map((field) => field.raw);
    const [signerInfo] = setOf(parseBer(signedData[4]!), 'signerInfos');
    // unsignedAttrs [1] IMPLICIT SET OF Attribute, each an empty one: 8 bytes, 4 elements.
    const attribute = der.sequence(der.oid('1.3.6.1.4.1.99999'), tlv(0x31, new Uint8Array(0)));
    const unsignedAttrs = (count: number) => tlv(0xa1, concatBytes(...Array.from({ length: count }, () => attribute)));
    signedData[4] = der.setOf(der.sequence(...signerInfo!.children.map((field) => field.raw), unsignedAttrs(mib / attribute.length)));
    const hostile = der.sequence(type!.raw, der.explicit(0, der.sequence(...signedData)));
    const stats = { nodes: 0 };
    expect(() => parseBer(hostile, { stats })).toThrow(TypeError);
    expect(stats.nodes).toBe(maxBerNodes);
    await expect(verifyCms(hostile, order)).rejects.toMatchObject({ code: 'CMS_MALFORMED' });
    // The same signature with a few unsigned attributes still verifies.
    signedData[4] = der.setOf(der.sequence(...signerInfo!.children.map((field) => field.raw), unsignedAttrs(8)));
    const fine = der.sequence(type!.raw, der.explicit(0, der.sequence(...signedData)));
    expect((await verifyCms(fine, order)).signer.serialNumber).toBe(certificate.serialNumber);
  });

  it('still imports an OpenSSL PKCS#12 of almost 1 MiB with 64 bags (a chain of 62 large certificates), plain or in 1,000-byte BER chunks, each parse far below the cap', async () => {
    const { keyPem, certificatePem } = await endEntity();
    // The chain: the test root re-encoded under other names and serials (each names the next as
    // its issuer), each with a subjectAltName of some 700 names, so that 62 of them fill the file.
    const chainLength = 62;
    const target = Math.floor((maxPkcs12Bytes - 8 * 1024) / chainLength);
    const [extensions] = sequence(parseBer(sequence(parseBer(root), 'Certificate', 3)[0]!.raw), 'tbsCertificate', 8).slice(7);
    const rootExtensions = sequence(explicit(extensions, 3, 'extensions'), 'extensions', 1).map((extension) => extension.raw);
    const chain: string[] = [];
    for (let i = 1; i <= chainLength; i++) {
      const names: Uint8Array[] = [];
      const make = () => withTbs(root, (fields) => {
        fields[1] = der.integer(i);
        fields[3] = commonName(`Chain CA ${i + 1}`);
        fields[5] = commonName(`Chain CA ${i}`);
        fields[7] = der.explicit(3, der.sequence(...rootExtensions, der.sequence(der.oid('2.5.29.17'), der.octetString(der.sequence(...names)))));
      });
      while (make().length < target - 32) names.push(tlv(0x82, utf8(`host-${names.length}.ca-${i}.example.com.tw`)));
      chain.push(toPem(make(), 'CERTIFICATE'));
    }
    /** The elements of each parse the importer makes of a file whose certificates are in the clear. */
    const elementsPerParse = (pfx: Uint8Array): number[] => {
      const counts: number[] = [];
      const parse = (input: Uint8Array) => {
        const stats = { nodes: 0 };
        const node = parseBer(input, { stats });
        counts.push(stats.nodes);
        return node;
      };
      const [, authSafe] = sequence(parse(pfx), 'PFX', 2);
      const authSafeBytes = octetString(explicit(sequence(authSafe, 'authSafe', 2)[1], 0, 'content'), 'content');
      for (const info of sequence(parse(authSafeBytes), 'AuthenticatedSafe')) {
        const [kind, body] = sequence(info, 'ContentInfo', 2);
        if (oid(kind, 'contentType') === '1.2.840.113549.1.7.1') parse(octetString(explicit(body, 0, 'data'), 'data'));
      }
      for (const certificate of chain) parse(parsePemBlocks(certificate)[0]!.der);
      return counts;
    };
    for (const certpbe of [[], ['-certpbe', 'NONE']]) {
      const made = await opensslOk(['pkcs12', '-export', '-in', 'c.pem', '-inkey', 'k.pem', '-certfile', 'chain.pem', ...certpbe, '-passout', 'pass:Abcd1234', '-out', 'p.pfx'], {
        files: { 'c.pem': certificatePem, 'k.pem': keyPem, 'chain.pem': chain.join('') },
      });
      const pfx = made.files['p.pfx']!;
      const files = [pfx];
      if (certpbe.length > 0) {
        // The authSafe content as a streaming BER writer sends it: indefinite length, 1,000-byte chunks (the MAC covers the joined bytes).
        const [version, authSafe, macData] = parseBer(pfx).children;
        const [type, content] = authSafe!.children;
        const bytes = octetString(explicit(content, 0, 'content'), 'content');
        const chunks: Uint8Array[] = [];
        for (let at = 0; at < bytes.length; at += 1000) chunks.push(der.octetString(bytes.subarray(at, at + 1000)));
        const chunked = concatBytes(Uint8Array.of(0x24, 0x80), ...chunks, Uint8Array.of(0, 0));
        files.push(der.sequence(version!.raw, der.sequence(type!.raw, der.explicit(0, chunked)), macData!.raw));
      }
      for (const file of files) {
        expect(file.length).toBeGreaterThan(1000 * 1024);
        expect(file.length).toBeLessThanOrEqual(maxPkcs12Bytes);
        const imported = await importPkcs12(file, 'Abcd1234');
        expect(imported.certificate.commonName).toBe('A123456789');
        expect(imported.chain).toHaveLength(chainLength);
        if (certpbe.length > 0) expect(Math.max(...elementsPerParse(file))).toBeLessThan(maxBerNodes / 20);
      }
    }
  }, 300_000); // Four OpenSSL runs and four imports of 1 MiB: about 25 s in Chromium on a busy 2-core machine.
});

describe('INTEGER and OBJECT IDENTIFIER encodings', () => {
  it('reads small integers exactly up to 2^53 − 1 and refuses larger ones instead of rounding them', () => {
    expect(smallInteger(parseBer(integer('1FFFFFFFFFFFFF')), 'n')).toBe(Number.MAX_SAFE_INTEGER);
    expect(smallInteger(parseBer(integer('00')), 'n')).toBe(0);
    expect(smallInteger(parseBer(integer('0080')), 'n')).toBe(128);
    // 2^53 and 2^53 + 1: the second used to read as the first.
    for (const big of ['20000000000000', '20000000000001', '7FFFFFFFFFFFFF', '0100000000000000']) {
      expect(() => smallInteger(parseBer(integer(big)), 'n')).toThrow(TypeError);
    }
  });

  it('refuses INTEGERs padded with a leading 00 or FF, negative and empty ones (X.690 §8.3.2)', () => {
    for (const bad of ['0001', '007F', '0000', 'FF80', 'FFFF', '80', 'FF', '']) {
      expect(() => smallInteger(parseBer(integer(bad)), 'n')).toThrow(TypeError);
    }
  });

  it('refuses an OBJECT IDENTIFIER arc written with a leading 0x80 byte, first arc included (X.690 §8.19.2)', () => {
    const node = (contents: string) => parseBer(tlv(0x06, hex(contents)));
    expect(oid(node('2A8648CE3D040302'), 'o')).toBe('1.2.840.10045.4.3.2');
    expect(oid(node('8133'), 'o')).toBe('2.99');
    for (const bad of ['2A808648CE3D040302', '2A8648CE3D04038002', '802A8648', '2A8648CE3D0403808002']) {
      expect(() => oid(node(bad), 'o')).toThrow(TypeError);
    }
  });

  it('reads back every INTEGER contents exactly when it is shortest, non-negative and at most 2^53 − 1 (property, BigInt oracle)', () => {
    const contents = fc.oneof(fc.uint8Array({ maxLength: 9 }), fc.maxSafeNat().map((n) => der.integer(n).subarray(2)));
    fc.assert(
      fc.property(contents, (bytes) => {
        const shortest = bytes.length > 0 && !(bytes.length > 1 && ((bytes[0] === 0 && bytes[1]! < 0x80) || (bytes[0] === 0xff && bytes[1]! >= 0x80)));
        const value = bytes.reduce((n, b) => n * 256n + BigInt(b), 0n);
        const readable = shortest && (bytes[0]! & 0x80) === 0 && value <= BigInt(Number.MAX_SAFE_INTEGER);
        const node = parseBer(tlv(0x02, bytes));
        if (readable) expect(smallInteger(node, 'n')).toBe(Number(value));
        else expect(() => smallInteger(node, 'n')).toThrow(TypeError);
      }),
    );
  });

  it('reads back every OBJECT IDENTIFIER the writer writes, and refuses any contents with a padded or unfinished arc (property)', () => {
    const dotted = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat({ max: 39 }), fc.array(fc.nat({ max: 2 ** 46 - 1 }), { maxLength: 8 }))
      .map(([first, second, rest]) => [first, second, ...rest].join('.'));
    fc.assert(
      fc.property(dotted, (text) => {
        expect(oid(parseBer(der.oid(text)), 'o')).toBe(text);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 12 }), (bytes) => {
        const padded = bytes.some((b, i) => b === 0x80 && (i === 0 || (bytes[i - 1]! & 0x80) === 0));
        const unfinished = (bytes[bytes.length - 1]! & 0x80) !== 0;
        // Arcs from 2^46 up are refused too: they would not stay exact in a JS number.
        let arc = 0n;
        let tooLarge = false;
        for (const b of bytes) {
          arc = arc * 128n + BigInt(b & 0x7f);
          if (arc >= 2n ** 46n) tooLarge = true;
          if ((b & 0x80) === 0) arc = 0n;
        }
        const node = parseBer(tlv(0x06, bytes));
        if (padded || unfinished || tooLarge) expect(() => oid(node, 'o')).toThrow(TypeError);
        else expect(der.oid(oid(node, 'o')).subarray(2)).toEqual(bytes);
      }),
    );
  });

  it('gives CERT_MALFORMED for a certificate with a padded signature algorithm OID, as OpenSSL refuses it', async () => {
    const padded = withTbs(root, () => {}, der.sequence(tlv(0x06, hex('2A808648CE3D040302'))));
    expect(() => parseCertificate(padded)).toThrow(expect.objectContaining({ code: 'CERT_MALFORMED' }));
    expect(await opensslSerial(padded)).toBeUndefined();
    expect(parseCertificate(withTbs(root, () => {}))).toMatchObject({ isCa: true });
  });

  it('gives CERT_MALFORMED for a version or pathLenConstraint that is padded or above 2^53 − 1', () => {
    const basicConstraints = (pathLen: string) =>
      der.explicit(3, der.sequence(der.sequence(der.oid('2.5.29.19'), tlv(0x01, Uint8Array.of(0xff)), der.octetString(der.sequence(tlv(0x01, Uint8Array.of(0xff)), integer(pathLen))))));
    expect(parseCertificate(withTbs(root, (fields) => { fields[7] = basicConstraints('1FFFFFFFFFFFFF'); })).isCa).toBe(true);
    for (const pathLen of ['20000000000001', '0003']) {
      expect(() => parseCertificate(withTbs(root, (fields) => { fields[7] = basicConstraints(pathLen); }))).toThrow(expect.objectContaining({ code: 'CERT_MALFORMED' }));
    }
    expect(() => parseCertificate(withTbs(root, (fields) => { fields[0] = der.explicit(0, integer('0002')); }))).toThrow(expect.objectContaining({ code: 'CERT_MALFORMED' }));
  });
});

describe('certificate serial numbers (RFC 5280 §4.1.2.2)', () => {
  const withSerial = (contents: string) => withTbs(root, (fields) => { fields[1] = integer(contents); });

  it.each([
    ['01', '01'],
    ['7F', '7F'],
    ['0080', '80'],
    ['00FF', 'FF'],
    ['1234', '1234'],
    ['7F'.padEnd(40, 'A'), '7F'.padEnd(40, 'A')],
  ])('reads the positive serial %s as %s, as openssl x509 does', async (contents, serialNumber) => {
    const certificate = withSerial(contents);
    expect(parseCertificate(certificate).serialNumber).toBe(serialNumber);
    expect(await opensslSerial(certificate)).toBe(`serial=${serialNumber}`);
  });

  it.each([
    ['FF (−1), which would read as the FF of 00FF (+255)', 'FF', 'serial=-01'],
    ['80 (−128)', '80', 'serial=-80'],
    ['zero', '00', 'serial=00'],
    ['of 21 octets', `00${'91'.repeat(20)}`, `serial=${'91'.repeat(20)}`],
    ['of 30 octets', '11'.repeat(30), `serial=${'11'.repeat(30)}`],
  ])('gives CERT_MALFORMED for a serial %s, which OpenSSL reads', async (_name, contents, opensslSays) => {
    const certificate = withSerial(contents);
    expect(await opensslSerial(certificate)).toBe(opensslSays);
    expect(() => parseCertificate(certificate)).toThrow(expect.objectContaining({ code: 'CERT_MALFORMED' }));
  });

  it.each([
    ['0001 (01 padded)', '0001'],
    ['007F', '007F'],
    ['0000', '0000'],
    ['FF80 (−128 padded)', 'FF80'],
    ['empty', ''],
  ])('gives CERT_MALFORMED for a serial %s not in its shortest form, as OpenSSL refuses it', async (_name, contents) => {
    const certificate = withSerial(contents);
    expect(await opensslSerial(certificate)).toBeUndefined();
    expect(() => parseCertificate(certificate)).toThrow(expect.objectContaining({ code: 'CERT_MALFORMED' }));
  });
});
