// The numbers of PKCS#12 backups that a page needs before any backup code has loaded (the import
// form refuses a file over maxPkcs12Bytes before reading it): the readers and the writer under
// pkcs12/ load only when a backup is made or opened.

/**
 * Default iteration count for PBKDF2 and the MAC: 600,000, the OWASP (2023) figure for
 * PBKDF2-HMAC-SHA256 and the highest Windows accepts. A backup password is only 4–10 letters
 * and digits (SPEC rule 6), so the file itself must make guessing slow. Measured with
 * `npm run bench` (Node 24, 2 cores): export and import stay well under half a second. The PBKDF2
 * runs natively; export overlaps the MAC key derivation with them, import verifies the MAC first.
 */
export const defaultPkcs12Iterations = 600_000;
/** Files larger than this are refused before parsing: a backup is a few kilobytes. */
export const maxPkcs12Bytes = 1024 * 1024;
/** Iteration counts above this are refused before deriving anything, so a hostile file cannot hang the page. */
export const maxPkcs12Iterations = 2_000_000;
/**
 * The work one file may ask for, in hash compressions (a unit is one SHA-256 compression;
 * SHA-384 and SHA-512 weigh more, see work.ts). The MAC key for each password encoding tried
 * and the key of every encrypted part and shrouded key are priced before any derivation
 * starts, and a file over this is refused with `PFX_TOO_COSTLY`; what only shows after a
 * decryption (a shrouded key inside an encrypted part, another password encoding) is charged
 * before it starts. A modern file at the iteration cap needs 10 million, ours at 600,000
 * iterations 3 million, OpenSSL's default of 2,048 iterations about 10,000.
 */
export const maxPkcs12Work = 16_000_000;
