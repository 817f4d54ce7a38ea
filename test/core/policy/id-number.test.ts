import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idNumberKind, idNumberMatchesMask, isValidIdNumber } from '../../../src/core/policy/id-number';
import { maskIdNumber } from '../../../src/core/policy/masking';

// An independent formulation of the personal check digit: the letter's code is 10 + its
// position in this classic ordering (I, O, W… were appended when they were introduced).
const order = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';
function personalOracle(id: string): boolean {
  const code = String(10 + order.indexOf(id[0]!));
  const second = /[A-D]/.test(id[1]!) ? String(10 + order.indexOf(id[1]!)).slice(1) : id[1]!;
  const digits = (code + second + id.slice(2)).split('').map(Number);
  const weights = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];
  return digits.reduce((sum, digit, index) => sum + digit * weights[index]!, 0) % 10 === 0;
}
const withCheckDigit = (body: string) => {
  for (let digit = 0; digit <= 9; digit += 1) if (personalOracle(body + digit)) return body + digit;
  throw new Error('unreachable');
};

describe('isValidIdNumber: 身分證字號', () => {
  it('accepts A123456789 (the textbook example) and refuses it with any other check digit', () => {
    expect(idNumberKind('A123456789')).toBe('national-id');
    for (let digit = 0; digit <= 8; digit += 1) expect(isValidIdNumber(`A12345678${digit}`)).toBe(false);
  });

  it('refuses a second digit other than 1 or 2, lower case, spaces and wrong lengths', () => {
    for (const value of ['A323456789', 'a123456789', ' A123456789', 'A12345678', 'A1234567890', '', 'AB', '1234567890']) {
      expect(isValidIdNumber(value)).toBe(false);
    }
    expect(isValidIdNumber(undefined as never)).toBe(false);
  });

  it('accepts exactly one check digit for every letter and body, matching the independent oracle (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...order), fc.constantFrom('1', '2'), fc.stringMatching(/^\d{8}$/), (letter, gender, digits) => {
        const id = letter + gender + digits;
        expect(isValidIdNumber(id)).toBe(personalOracle(id));
        const valid = withCheckDigit(id.slice(0, 9));
        expect(idNumberKind(valid)).toBe('national-id');
      }),
      { numRuns: 3000 },
    );
  });
});

describe('isValidIdNumber: resident certificates (居留證)', () => {
  it('accepts the 2021 format (letter, 8 or 9, 8 digits) with the same check digit: A800000014', () => {
    expect(idNumberKind('A800000014')).toBe('resident-id');
    expect(isValidIdNumber('A800000015')).toBe(false);
    expect(idNumberKind(withCheckDigit('F90123456'))).toBe('resident-id');
  });

  it('accepts the old format (two letters, the second A–D counting its code’s last digit): AA00000009', () => {
    expect(idNumberKind('AA00000009')).toBe('resident-id');
    expect(isValidIdNumber('AA00000008')).toBe(false);
    expect(isValidIdNumber('AE00000009')).toBe(false);
  });

  it('matches the oracle on both resident formats (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...order), fc.constantFrom('8', '9', 'A', 'B', 'C', 'D'), fc.stringMatching(/^\d{8}$/), (letter, second, digits) => {
        const id = letter + second + digits;
        expect(idNumberKind(id)).toBe(personalOracle(id) ? 'resident-id' : undefined);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('isValidIdNumber: 統編 (8 digits)', () => {
  it('accepts numbers whose weighted digit sum is a multiple of 10 (the rule before 2023)', () => {
    expect(idNumberKind('22099131')).toBe('business-id');
    expect(isValidIdNumber('04595257')).toBe(true);
  });

  it('accepts sums that are a multiple of 5 only, as the Ministry of Finance allows since 2023', () => {
    expect(isValidIdNumber('22099136')).toBe(true); // sum 35
    expect(isValidIdNumber('22099132')).toBe(false); // sum 31
  });

  it('counts 7 in the 7th place as 1 or 0 (its product 28 → 10 → 1)', () => {
    expect(isValidIdNumber('10458575')).toBe(true); // sum 20 with 0, 21 with 1
    expect(isValidIdNumber('10458574')).toBe(true); // 19 / 20
    expect(isValidIdNumber('10458573')).toBe(false); // 18 / 19
  });

  it('matches a direct statement of the rule on every 8-digit string (property)', () => {
    const rule = (value: string) => {
      const weights = [1, 2, 1, 2, 1, 2, 4, 1];
      const parts = value.split('').map((digit, index) => {
        const product = Number(digit) * weights[index]!;
        return String(product).split('').reduce((sum, d) => sum + Number(d), 0);
      });
      const sum = parts.reduce((a, b) => a + b, 0);
      const sums = value[6] === '7' ? [sum - 9, sum - 10] : [sum];
      return sums.some((candidate) => candidate % 5 === 0);
    };
    fc.assert(fc.property(fc.stringMatching(/^\d{8}$/), (value) => {
      expect(isValidIdNumber(value)).toBe(rule(value));
    }), { numRuns: 3000 });
  });

  it('refuses 7 or 9 digits and non-digits', () => {
    for (const value of ['2209913', '220991310', '2209913A', '２２０９９１３１']) expect(isValidIdNumber(value)).toBe(false);
  });
});

describe('idNumberMatchesMask: the certificate CN against the masked profile ID', () => {
  it('matches an ID to its mask as the manual prints it, and nobody else\'s', () => {
    expect(idNumberMatchesMask('A103200003', 'A103******')).toBe(true);
    expect(idNumberMatchesMask('J220234567', 'J22023****')).toBe(true);
    expect(idNumberMatchesMask('A103200003', 'A103200003')).toBe(true);
    expect(idNumberMatchesMask('B220200000', 'A103******')).toBe(false);
    expect(idNumberMatchesMask('A10320000', 'A103******')).toBe(false);
    expect(idNumberMatchesMask('A1032000031', 'A103******')).toBe(false);
  });

  it('refuses a CN that is itself masked, an empty one, and anything but strings', () => {
    expect(idNumberMatchesMask('A103******', 'A103******')).toBe(false);
    expect(idNumberMatchesMask('', '')).toBe(false);
    expect(idNumberMatchesMask(undefined as never, 'A103******')).toBe(false);
    expect(idNumberMatchesMask('A103200003', null as never)).toBe(false);
  });

  it('holds for every ID masked with any number of visible characters, and fails once a shown character differs', () => {
    const id = fc.stringMatching(/^[A-Z0-9]{1,12}$/);
    fc.assert(
      fc.property(id, fc.nat(12), fc.nat(11), (value, visible, at) => {
        const masked = maskIdNumber(value, { visible });
        expect(idNumberMatchesMask(value, masked)).toBe(true);
        const i = at % value.length;
        if (masked[i] === '*') return;
        const other = value.slice(0, i) + (value[i] === 'Z' ? 'Y' : 'Z') + value.slice(i + 1);
        expect(idNumberMatchesMask(other, masked)).toBe(false);
      }),
    );
  });
});
