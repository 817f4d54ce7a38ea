// Small hand-written shape checks for JSON from the server. Not a JSON-Schema engine on
// purpose: this ships in the browser bundle. A check returns a fresh value built from the
// fields it knows (unknown fields are left behind) or throws a `ShapeError` naming the path;
// values never appear in messages, since a body may carry tokens.

/** A body that does not have the contract's shape; `path` is where, e.g. `items[2].notAfter`. */
export class ShapeError extends Error {
  override name = 'ShapeError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path || 'body'} ${reason}`);
  }
}

export type Check<T> = (value: unknown, path: string) => T;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export const string: Check<string> = (value, path) => {
  if (typeof value !== 'string') throw new ShapeError(path, `must be a string, not ${typeName(value)}`);
  return value;
};

export const nonEmptyString: Check<string> = (value, path) => {
  const text = string(value, path);
  if (text.length === 0) throw new ShapeError(path, 'must not be empty');
  return text;
};

/** A string matching `pattern`; `what` names the rule in the message. */
export function matching(pattern: RegExp, what: string): Check<string> {
  return (value, path) => {
    const text = string(value, path);
    if (!pattern.test(text)) throw new ShapeError(path, `must be ${what}`);
    return text;
  };
}

/** One of the given string literals. */
export function oneOf<const T extends string>(values: readonly T[]): Check<T> {
  return (value, path) => {
    const text = string(value, path);
    if (!(values as readonly string[]).includes(text)) {
      throw new ShapeError(path, `must be one of ${values.map((v) => `'${v}'`).join(', ')}`);
    }
    return text as T;
  };
}

/** A safe integer in `[min, max]`. */
export function integer(min = 0, max = Number.MAX_SAFE_INTEGER): Check<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new ShapeError(path, `must be an integer, not ${typeName(value)}`);
    }
    if (value < min || value > max) throw new ShapeError(path, `must be between ${min} and ${max}`);
    return value;
  };
}

const rfc3339Pattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * An RFC 3339 date-time (`2026-01-02T03:04:05Z`, with an offset, optional fraction) that
 * `Date.parse` reads, kept as a string. No leap second: JavaScript dates cannot hold one.
 */
export const rfc3339: Check<string> = (value, path) => {
  const text = string(value, path);
  const match = rfc3339Pattern.exec(text);
  const [, y, mo, d, h, mi, s, , oh, om] = match ?? [];
  const year = Number(y);
  const month = Number(mo);
  const valid =
    match !== null &&
    month >= 1 &&
    month <= 12 &&
    Number(d) >= 1 &&
    Number(d) <= daysInMonth(year, month) &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    Number(s) <= 59 &&
    (oh === undefined || (Number(oh) <= 23 && Number(om) <= 59)) &&
    // What the time is read with later: a leap second (`23:59:60`, legal in RFC 3339) or a form
    // the runtime does not read would become an Invalid Date there.
    !Number.isNaN(Date.parse(text));
  if (!valid) throw new ShapeError(path, 'must be an RFC 3339 date-time');
  return text;
};

/** An array whose every item passes `item`. */
export function arrayOf<T>(item: Check<T>): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) throw new ShapeError(path, `must be an array, not ${typeName(value)}`);
    return value.map((entry, index) => item(entry, `${path}[${index}]`));
  };
}

type Fields<T> = { [K in keyof T]-?: Check<T[K]> };

/** Marks a field that may be missing; `null` is not accepted for it. */
export function optional<T>(check: Check<T>): Check<T | undefined> {
  const wrapped: Check<T | undefined> = (value, path) => (value === undefined ? undefined : check(value, path));
  optionalChecks.add(wrapped);
  return wrapped;
}

const optionalChecks = new WeakSet<Check<unknown>>();

/**
 * A plain JSON object with the given fields. Fields wrapped in {@link optional} may be
 * missing (and stay missing in the result); every other one must be present.
 */
export function object<T>(fields: Fields<T>): Check<T> {
  const entries = Object.entries(fields) as [string, Check<unknown>][];
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ShapeError(path, `must be an object, not ${typeName(value)}`);
    }
    const source = value as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    for (const [key, check] of entries) {
      const present = Object.hasOwn(source, key) && source[key] !== undefined;
      if (!present) {
        if (optionalChecks.has(check)) continue;
        throw new ShapeError(join(path, key), 'is missing');
      }
      result[key] = check(source[key], join(path, key));
    }
    return result as T;
  };
}

/** `check` followed by a rule across fields; `rule` returns a reason when it fails. */
export function refine<T>(check: Check<T>, rule: (value: T) => string | undefined): Check<T> {
  return (value, path) => {
    const result = check(value, path);
    const reason = rule(result);
    if (reason !== undefined) throw new ShapeError(path, reason);
    return result;
  };
}
