// Issues real certificates for tests with the OpenSSL CLI as the CA, for keys made by the core.
import { createCsr } from '../../src/core/crypto/csr';
import { openssl, opensslOk } from './openssl';

export interface TestCa {
  rootPem: string;
  rootKeyPem: string;
  /** Signs a CSR (PEM) for `days`, returns the certificate PEM. */
  sign(csrPem: string, options?: { days?: number; serial?: string; startDate?: string; endDate?: string }): Promise<string>;
  /** Makes a CSR for the key pair and signs it. */
  issue(keyPair: CryptoKeyPair, options?: { commonName?: string; days?: number }): Promise<string>;
}

export async function createTestCa(kind: 'rsa' | 'ec' = 'ec'): Promise<TestCa> {
  const keyArgs = kind === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  const made = await opensslOk(['req', '-x509', ...keyArgs, '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30',
    '-subj', '/CN=Test Root CA/O=Cert Center Tests', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const dec = new TextDecoder();
  const rootPem = dec.decode(made.files['ca.pem']);
  const rootKeyPem = dec.decode(made.files['ca.key']);
  let counter = 1;
  const ca: TestCa = {
    rootPem,
    rootKeyPem,
    async sign(csrPem, options = {}) {
      const serial = options.serial ?? (0x1000 + counter++).toString(16);
      const ext = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=clientAuth,emailProtection\n';
      const args = options.startDate || options.endDate
        ? ['ca', '-batch', '-config', 'ca.cnf', '-in', 'req.pem', '-out', 'cert.pem', '-notext', '-extfile', 'ext.cnf',
           ...(options.startDate ? ['-startdate', options.startDate] : []), ...(options.endDate ? ['-enddate', options.endDate] : [])]
        : ['x509', '-req', '-in', 'req.pem', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-out', 'cert.pem',
           '-days', String(options.days ?? 365), '-set_serial', `0x${serial}`, '-extfile', 'ext.cnf'];
      const caConfig = `[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\ncertificate=ca.pem\nprivate_key=ca.key\nserial=serial\ndefault_md=sha256\npolicy=p\ncopy_extensions=none\n[p]\ncommonName=supplied\n`;
      const run = await openssl(args, {
        files: { 'ca.pem': rootPem, 'ca.key': rootKeyPem, 'req.pem': csrPem, 'ext.cnf': ext, 'ca.cnf': caConfig, 'index.txt': '', serial: `${serial.padStart(4, '0')}\n` },
      });
      if (run.code !== 0) throw new Error(`test CA could not sign: ${run.stderr}`);
      return dec.decode(run.files['cert.pem']);
    },
    async issue(keyPair, options = {}) {
      const csr = await createCsr({ keyPair, subject: { commonName: options.commonName ?? 'A123456789' } });
      return ca.sign(csr, options.days === undefined ? {} : { days: options.days });
    },
  };
  return ca;
}
