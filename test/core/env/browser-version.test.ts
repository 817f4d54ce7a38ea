import { describe, expect, it } from 'vitest';
import { judgeBrowser, parseBrowser } from '../../../src/core/env/browser-version';

const ua = {
  chrome124: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  chrome99: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.51 Safari/537.36',
  headless: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
  edge124: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  edge99: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.51 Safari/537.36 Edg/99.0.1150.36',
  edgeLegacy: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041',
  opera: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 OPR/110.0.0.0',
  firefox125: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  firefox99: 'Mozilla/5.0 (X11; Linux x86_64; rv:99.0) Gecko/20100101 Firefox/99.0',
  safari17: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  safari14: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.1.2 Safari/605.1.15',
  iosSafari15: 'Mozilla/5.0 (iPhone; CPU iPhone OS 15_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Mobile/15E148 Safari/604.1',
  iosChrome: 'Mozilla/5.0 (iPhone; CPU iPhone OS 14_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/118.0.5993.69 Mobile/15E148 Safari/604.1',
  ie11: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko',
  node: 'Node.js/24',
};

describe('parseBrowser', () => {
  it('names Chromium-based browsers by product and judges them by their Chromium version', () => {
    expect(parseBrowser({ userAgent: ua.chrome124 })).toEqual({ name: 'Chrome', major: 124, engine: 'blink', engineMajor: 124 });
    expect(parseBrowser({ userAgent: ua.headless })).toEqual({ name: 'Chrome', major: 156, engine: 'blink', engineMajor: 156 });
    expect(parseBrowser({ userAgent: ua.edge124 })).toEqual({ name: 'Edge', major: 124, engine: 'blink', engineMajor: 124 });
    expect(parseBrowser({ userAgent: ua.opera })).toEqual({ name: 'Opera', major: 110, engine: 'blink', engineMajor: 124 });
  });

  it('prefers User-Agent Client Hints brands when the browser gives them', () => {
    const brands = [{ brand: 'Not.A/Brand', version: '8' }, { brand: 'Chromium', version: '124' }, { brand: 'Microsoft Edge', version: '124' }];
    expect(parseBrowser({ userAgent: ua.chrome124, brands })).toEqual({ name: 'Edge', major: 124, engine: 'blink', engineMajor: 124 });
    expect(parseBrowser({ brands: [{ brand: 'Chromium', version: '120' }] })).toEqual({ name: 'Chromium', major: 120, engine: 'blink', engineMajor: 120 });
    // Brands without Chromium (none known today) fall back to the User-Agent string.
    expect(parseBrowser({ userAgent: ua.firefox125, brands: [] })).toMatchObject({ name: 'Firefox', major: 125 });
  });

  it('reads Firefox, Safari, iOS browsers (all WebKit, judged by the iOS version), IE, legacy Edge and Node', () => {
    expect(parseBrowser({ userAgent: ua.firefox125 })).toEqual({ name: 'Firefox', major: 125, engine: 'gecko', engineMajor: 125 });
    expect(parseBrowser({ userAgent: ua.safari17 })).toEqual({ name: 'Safari', major: 17, engine: 'webkit', engineMajor: 17 });
    expect(parseBrowser({ userAgent: ua.iosSafari15 })).toEqual({ name: 'Safari', major: 15, engine: 'webkit', engineMajor: 15 });
    expect(parseBrowser({ userAgent: ua.iosChrome })).toEqual({ name: 'Chrome', major: 118, engine: 'webkit', engineMajor: 14 });
    expect(parseBrowser({ userAgent: ua.ie11 })).toEqual({ name: 'Internet Explorer', major: 11, engine: 'trident', engineMajor: 11 });
    expect(parseBrowser({ userAgent: ua.edgeLegacy })).toEqual({ name: 'Edge', major: 18, engine: 'edgehtml' });
    expect(parseBrowser({ userAgent: ua.node })).toEqual({ name: 'Node.js', major: 24, engine: 'node' });
    expect(parseBrowser({ userAgent: 'curl/8.0' })).toEqual({ name: 'unknown', engine: 'unknown' });
    expect(parseBrowser({})).toEqual({ name: 'unknown', engine: 'unknown' });
  });
});

describe('judgeBrowser (minimums: Chrome/Edge 100, Firefox 100, Safari 15)', () => {
  const judge = (userAgent: string) => judgeBrowser(parseBrowser({ userAgent }));

  it('passes at and above the minimums', () => {
    for (const userAgent of [ua.chrome124, ua.edge124, ua.opera, ua.firefox125, ua.safari17, ua.iosSafari15, ua.headless]) {
      expect(judge(userAgent).status).toBe('pass');
    }
    expect(judgeBrowser({ name: 'Chrome', major: 100, engine: 'blink', engineMajor: 100 }).status).toBe('pass');
    expect(judgeBrowser({ name: 'Safari', major: 15, engine: 'webkit', engineMajor: 15 }).status).toBe('pass');
  });

  it('warns below the minimums with update-browser and reports the major version as measured', () => {
    for (const userAgent of [ua.chrome99, ua.edge99, ua.firefox99, ua.safari14, ua.iosChrome, ua.edgeLegacy]) {
      expect(judge(userAgent)).toMatchObject({ status: 'warn', advice: 'update-browser' });
    }
    expect(judge(ua.chrome99).measured).toBe(99);
  });

  it('fails Internet Explorer, warns on unknown browsers and skips Node', () => {
    expect(judge(ua.ie11)).toMatchObject({ status: 'fail', advice: 'update-browser' });
    expect(judge('curl/8.0').status).toBe('warn');
    expect(judge(ua.node).status).toBe('skip');
  });
});
