import type { UserAgentBrand } from './environment-scope';
import type { CheckOutcome } from './run-check';

export type BrowserName =
  | 'Chrome'
  | 'Edge'
  | 'Opera'
  | 'Samsung Internet'
  | 'Chromium'
  | 'Firefox'
  | 'Safari'
  | 'Internet Explorer'
  | 'Node.js'
  | 'unknown';

/** The engine that decides what works: all iOS browsers are WebKit, Opera and Edge are Blink. */
export type BrowserEngine = 'blink' | 'gecko' | 'webkit' | 'edgehtml' | 'trident' | 'node' | 'unknown';

export interface BrowserInfo {
  name: BrowserName;
  /** The product's own major version (Opera 110, Edge 124, …). */
  major?: number;
  engine: BrowserEngine;
  /** The engine's major version: Chromium's for Blink, Firefox's for Gecko, Safari's (= iOS's) for WebKit. */
  engineMajor?: number;
}

/**
 * Oldest engine versions the center supports: Chromium 100 / Firefox 100 (2022; WebCrypto,
 * IndexedDB CryptoKey storage, Web Locks, module workers all present) and Safari 15 (module
 * workers arrived in 15; earlier IndexedDB was unreliable).
 */
export const minimumEngineVersions = { blink: 100, gecko: 100, webkit: 15 } as const;

const blinkBrands: ReadonlyArray<[string, BrowserName]> = [
  ['Microsoft Edge', 'Edge'],
  ['Opera', 'Opera'],
  ['Samsung Internet', 'Samsung Internet'],
  ['Google Chrome', 'Chrome'],
  ['HeadlessChrome', 'Chrome'],
];

/**
 * Names the browser and its engine version, from User-Agent Client Hints brands where the
 * browser gives them (Chromium-based ones), else from the User-Agent string.
 * @example parseBrowser({ userAgent: navigator.userAgent, brands: navigator.userAgentData?.brands })
 */
export function parseBrowser(params: { userAgent?: string; brands?: readonly UserAgentBrand[] }): BrowserInfo {
  const fromBrands = parseBrands(params.brands);
  if (fromBrands) return fromBrands;
  return parseUserAgent(typeof params.userAgent === 'string' ? params.userAgent : '');
}

function parseBrands(brands: readonly UserAgentBrand[] | undefined): BrowserInfo | undefined {
  if (!Array.isArray(brands)) return undefined;
  const version = (name: string) => {
    const found = brands.find((entry) => entry?.brand === name);
    return found ? majorOf(found.version) : undefined;
  };
  const chromium = version('Chromium');
  if (chromium === undefined) return undefined;
  for (const [brand, name] of blinkBrands) {
    const major = version(brand);
    if (major !== undefined) return { name, major, engine: 'blink', engineMajor: chromium };
  }
  return { name: 'Chromium', major: chromium, engine: 'blink', engineMajor: chromium };
}

function parseUserAgent(ua: string): BrowserInfo {
  const token = (pattern: RegExp) => majorOf(pattern.exec(ua)?.[1]);
  if (/Node\.js\//.test(ua)) return { name: 'Node.js', major: token(/Node\.js\/(\d+)/), engine: 'node' };
  if (/Trident\/|MSIE /.test(ua)) {
    const major = token(/MSIE (\d+)/) ?? token(/rv:(\d+)/);
    return { name: 'Internet Explorer', major, engine: 'trident', engineMajor: major };
  }
  const ios = token(/\b(?:iPhone|iPad|iPod)\b.*? OS (\d+)_/);
  if (ios !== undefined) {
    const safari = token(/Version\/(\d+)/);
    const engineMajor = safari ?? ios;
    const name: BrowserName = /CriOS\//.test(ua) ? 'Chrome' : /FxiOS\//.test(ua) ? 'Firefox' : /EdgiOS\//.test(ua) ? 'Edge' : 'Safari';
    const major = name === 'Safari' ? engineMajor : token(/(?:CriOS|FxiOS|EdgiOS)\/(\d+)/);
    return { name, major, engine: 'webkit', engineMajor };
  }
  if (/Edge\/\d+/.test(ua)) return { name: 'Edge', major: token(/Edge\/(\d+)/), engine: 'edgehtml' };
  const chrome = token(/(?:HeadlessChrome|Chrome|Chromium)\/(\d+)/);
  if (chrome !== undefined) {
    const blink = (name: BrowserName, pattern: RegExp): BrowserInfo => ({ name, major: token(pattern), engine: 'blink', engineMajor: chrome });
    if (/Edg(?:A)?\//.test(ua)) return blink('Edge', /Edg(?:A)?\/(\d+)/);
    if (/OPR\//.test(ua)) return blink('Opera', /OPR\/(\d+)/);
    if (/SamsungBrowser\//.test(ua)) return blink('Samsung Internet', /SamsungBrowser\/(\d+)/);
    if (/Chromium\//.test(ua)) return blink('Chromium', /Chromium\/(\d+)/);
    return blink('Chrome', /(?:HeadlessChrome|Chrome)\/(\d+)/);
  }
  const firefox = token(/Firefox\/(\d+)/);
  if (firefox !== undefined) return { name: 'Firefox', major: firefox, engine: 'gecko', engineMajor: firefox };
  const safari = token(/Version\/(\d+)[^ ]* .*Safari\//);
  if (safari !== undefined) return { name: 'Safari', major: safari, engine: 'webkit', engineMajor: safari };
  return { name: 'unknown', engine: 'unknown' };
}

/**
 * Judges a browser: `pass` at or above {@link minimumEngineVersions}, `warn` below or when
 * unrecognised, `fail` for Internet Explorer (no usable WebCrypto), `skip` outside browsers.
 * `measured` is the product's major version.
 */
export function judgeBrowser(info: BrowserInfo): CheckOutcome {
  const label = `${info.name}${info.major === undefined ? '' : ` ${info.major}`}`;
  const measured = info.major === undefined ? {} : { measured: info.major };
  switch (info.engine) {
    case 'node':
      return { status: 'skip', detail: `not a browser (${label})`, ...measured };
    case 'trident':
      return { status: 'fail', detail: `${label} is not supported`, advice: 'update-browser', ...measured };
    case 'edgehtml':
      return { status: 'warn', detail: `${label} (EdgeHTML) is no longer supported`, advice: 'update-browser', ...measured };
    case 'unknown':
      return { status: 'warn', detail: 'unrecognised browser' };
    default: {
      const minimum = minimumEngineVersions[info.engine];
      const engine = `${info.engine} ${info.engineMajor ?? '?'}`;
      if (info.engineMajor === undefined || info.engineMajor < minimum) {
        return { status: 'warn', detail: `${label} (${engine}) is older than the supported ${info.engine} ${minimum}`, advice: 'update-browser', ...measured };
      }
      return { status: 'pass', detail: `${label} (${engine})`, ...measured };
    }
  }
}

function majorOf(version: unknown): number | undefined {
  if (typeof version !== 'string') return undefined;
  const match = /^\s*(\d+)/.exec(version);
  return match ? Number(match[1]) : undefined;
}
