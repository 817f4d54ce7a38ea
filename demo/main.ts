// The demo center for `npm start`: a broker-like page that embeds <cert-center> as a broker
// would, against the SDK's mock CA in a service worker. Beside it, the demo's own tools: a
// "phone" with each code the mock sends, scenarios, the mock's clock, faults and the locale.
import { setupWorker } from 'msw/browser';
import { createMockBackend, scenarioNames, type FaultKind, type FaultOptions, type MockCustomer, type ScenarioName } from '../mocks';
import {
  createCertCenter,
  createIndexedDbStore,
  isCertCenterError,
  maskIdNumber,
  parseCertificate,
  verifyCms,
  type CertCenter,
  type OtpPurpose,
} from '../src/core';
import '../src/components';
import type { CertCenterElement } from '../src/components/cert-center/cert-center';

const backend = createMockBackend({ persist: 'session-storage' });
const worker = setupWorker(...backend.handlers);
await worker.start({ quiet: true, onUnhandledFrame: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
await backend.ready;

const app = document.querySelector<HTMLElement>('#app')!;
const who = document.querySelector<HTMLElement>('#who')!;
const sessionKey = 'cert-center-demo:customer';
const localeKey = 'cert-center-demo:locale';

const scenarioLabels: Record<ScenarioName, string> = {
  'new-customer': '新客戶 New customer',
  valid: '有效憑證 Valid certificate',
  'renewal-due': '需更新 Renewal due',
  expired: '已過期 Expired',
  revoked: '已註銷 Revoked',
  'revocation-limit': '註銷次數已滿 Revocation limit',
  'other-device': '其他裝置 Other device',
};
const faultLabels: Record<FaultKind, string> = {
  drop: '連線中斷 Dropped',
  'commit-then-drop': '已處理但回應遺失 Reply lost',
  'http-503': '主機忙碌 503 Busy',
  'http-500': '主機錯誤 500',
  latency: '延遲 1 秒 Latency 1 s',
};
/** Which request a fault waits for: any, or the one call of a step. */
const faultTargets: Record<string, { label: string; match: FaultOptions }> = {
  any: { label: '任何請求 Any request', match: {} },
  otp: { label: '取得認證碼 POST /otp', match: { method: 'POST', path: '/otp' } },
  apply: { label: '申請 POST /certificates', match: { method: 'POST', path: '/certificates' } },
  certificate: { label: '匯入時查詢 GET /certificates/…', match: { method: 'GET', path: /\/certificates\/[^/]+$/ } },
  renew: { label: '更新 POST …/renewal', match: { method: 'POST', path: /\/certificates\/[^/]+\/renewal$/ } },
  revoke: { label: '註銷 POST …/revocation', match: { method: 'POST', path: /\/certificates\/[^/]+\/revocation$/ } },
};
const purposeLabels: Record<OtpPurpose, string> = { apply: '申請 Apply', renew: '更新 Renew', revoke: '註銷 Revoke' };
/** What a refused test signature says, for the codes a customer meets. */
const signRefusals: Record<string, string> = {
  NO_VALID_CREDENTIAL: '此台電腦沒有有效憑證 No valid certificate on this computer',
  CERT_REVOKED: '憑證已註銷 The certificate is revoked',
  CERT_EXPIRED: '憑證已過期 The certificate has expired',
  KEY_MISMATCH: '憑證與私鑰不相符 The key does not match the certificate',
};

let center: CertCenter | undefined;
let refreshPhone = () => {};
let refreshFaults = () => {};
/** What the tools say after the page is drawn again (a scenario switch redraws it). */
let flash = '';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node: HTMLElementTagNameMap[K] = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}
const locale = () => (sessionStorage.getItem(localeKey) === 'en' ? 'en' : 'zh-Hant');
const storeName = (customer: MockCustomer) => `cert-center-demo-${customer.idNumber}`;

function loggedIn(): MockCustomer | undefined {
  const id = sessionStorage.getItem(sessionKey);
  return backend.customers.find((c) => c.idNumber === id);
}

/** Puts the scenario's seeded PC certificate into this browser, as if it had been imported here. */
async function seedBrowser(customer: MockCustomer): Promise<void> {
  const store = createIndexedDbStore({ name: storeName(customer) });
  try {
    for (const stored of await store.listCredentials()) await store.deleteCredential(stored.serialNumber);
    const seeded = await backend.seededCredential(customer.idNumber);
    if (!seeded || seeded.device.kind !== 'pc') return;
    const ca = await backend.ca();
    await store.putCredential({
      serialNumber: seeded.serialNumber,
      idNumber: seeded.idNumber,
      privateKey: seeded.privateKey,
      publicKey: seeded.publicKey,
      certificate: parseCertificate(seeded.certificatePem).der,
      chain: ca.chain.map((pem) => parseCertificate(pem).der),
      origin: 'imported',
      storedAt: backend.clock.now().toISOString(),
    });
  } finally {
    await store.close();
  }
}

function renderLogin(): void {
  center?.close();
  center = undefined;
  who.replaceChildren();
  const list = el('ul');
  for (const customer of backend.customers) {
    const button = el('button', { type: 'button' }, el('span', {}, customer.name), el('span', {}, maskIdNumber(customer.idNumber)));
    button.addEventListener('click', () => {
      sessionStorage.setItem(sessionKey, customer.idNumber);
      void render();
    });
    list.append(el('li', {}, button));
  }
  app.replaceChildren(
    el(
      'section',
      { className: 'card login', ariaLabel: '登入 Log in' },
      el('h2', {}, '模擬登入 Mock log-in'),
      el('p', { className: 'muted' }, '選一位模擬客戶登入。Pick one of the mock customers; the broker’s own log-in stands here in a real site.'),
      list,
    ),
  );
  app.ariaBusy = 'false';
}

function renderPhone(customer: MockCustomer): HTMLElement {
  const list = el('ol', { ariaLabel: '收到的認證碼 Codes received' });
  const empty = el('p', { className: 'muted' }, '尚無簡訊 No messages yet.');
  const section = el('section', { className: 'phone', ariaLabel: '手機 Phone' }, el('h2', {}, '手機簡訊／E-mail Phone'), empty, list);
  let shown = -1;
  refreshPhone = () => {
    const messages = backend.inbox.all(customer.idNumber);
    if (messages.length === shown) return;
    shown = messages.length;
    empty.hidden = messages.length > 0;
    list.replaceChildren(
      ...messages
        .slice()
        .reverse()
        .map((m) =>
          el(
            'li',
            {},
            el('div', { className: 'muted' }, `${purposeLabels[m.purpose]} · ${m.sentAt.toLocaleTimeString('zh-TW', { hour12: false })}`),
            el('div', {}, '您的憑證認證碼：'),
            el('div', { className: 'code' }, m.code),
          ),
        ),
    );
  };
  refreshPhone();
  return section;
}

function renderTools(customer: MockCustomer, shell: CertCenterElement): HTMLElement {
  const status = el('p', { className: 'status', role: 'status' }, flash);
  flash = '';
  const reload = () => {
    // The same page with its data loaded again, as after the customer's next visit.
    const next = shell.cloneNode() as CertCenterElement;
    next.center = center;
    next.addEventListener('cert-logout', logout);
    shell.replaceWith(next);
    shell = next;
  };

  const scenario = el('select', { id: 'scenario' }, ...scenarioNames.map((name) => el('option', { value: name }, scenarioLabels[name])));
  const applyScenario = el('button', { type: 'button' }, '切換情境 Switch');
  applyScenario.addEventListener('click', async () => {
    const name = scenario.value as ScenarioName;
    await backend.reset(name);
    const first = backend.customers[0]!;
    sessionStorage.setItem(sessionKey, first.idNumber);
    await seedBrowser(first);
    flash = `情境：${scenarioLabels[name]}（第一位客戶 ${first.name}）`;
    await render();
  });

  const clockText = el('p', { className: 'muted' });
  const showClock = () => (clockText.textContent = `模擬時間 Mock time: ${backend.clock.now().toLocaleString('zh-TW', { hour12: false })}`);
  showClock();
  const toWindow = el('button', { type: 'button', className: 'secondary' }, '跳到可更新區間 Into the renewal window');
  toWindow.addEventListener('click', () => {
    const current = backend.certificates(customer.idNumber).filter((c) => c.device.kind === 'pc' && !c.revokedAt).at(-1);
    if (!current) {
      status.textContent = '沒有可更新的憑證 No certificate to renew.';
      return;
    }
    backend.clock.set(new Date(current.notAfter.getTime() - 10 * 86_400_000));
    showClock();
    status.textContent = '已移到憑證到期前 10 天 Moved to 10 days before the end of validity.';
    reload();
  });
  const pastCode = el('button', { type: 'button', className: 'secondary' }, '+61 秒（認證碼逾時）Code expires');
  pastCode.addEventListener('click', () => {
    backend.clock.advance(61_000);
    showClock();
    status.textContent = '模擬時間前進 61 秒：目前的認證碼已失效 The current code is now void.';
  });
  const now = el('button', { type: 'button', className: 'secondary' }, '回到現在 Now');
  now.addEventListener('click', () => {
    backend.clock.set(new Date());
    showClock();
    reload();
  });

  const fault = el('select', { id: 'fault' }, ...(['drop', 'commit-then-drop', 'http-503'] as FaultKind[]).map((k) => el('option', { value: k }, faultLabels[k])));
  const target = el('select', { id: 'fault-target' }, ...Object.entries(faultTargets).map(([value, t]) => el('option', { value }, t.label)));
  // The SDK tries each call three times: one fault is absorbed, three in a row reach the customer.
  const times = el(
    'select',
    { id: 'fault-times' },
    el('option', { value: '1' }, '1 次 Once'),
    el('option', { value: '3' }, '連續 3 次 3 in a row'),
  );
  const arm = el('button', { type: 'button' }, '下一個請求套用 Arm');
  arm.addEventListener('click', () => {
    const kind = fault.value as FaultKind;
    const chosen = faultTargets[target.value]!;
    for (let i = 0; i < Number(times.value); i++) backend.faults.next(kind, chosen.match);
    status.textContent = `已設定：${faultLabels[kind]} → ${chosen.label} × ${times.value}`;
    refreshFaults();
  });
  const disarm = el('button', { type: 'button', className: 'secondary' }, '取消故障 Disarm');
  disarm.addEventListener('click', () => {
    backend.faults.clear();
    status.textContent = '已取消所有故障 Every fault disarmed.';
    refreshFaults();
  });
  const pending = el('p', { className: 'muted hint', id: 'faults-pending' });
  refreshFaults = () => (pending.textContent = `尚待發生 Pending: ${backend.faults.pending()}`);
  refreshFaults();

  const language = el('select', { id: 'locale' }, el('option', { value: 'zh-Hant' }, '繁體中文'), el('option', { value: 'en' }, 'English'));
  language.value = locale();
  language.addEventListener('change', () => {
    sessionStorage.setItem(localeKey, language.value);
    document.documentElement.lang = language.value;
    shell.locale = language.value as 'zh-Hant' | 'en';
  });

  scenario.value = 'new-customer';
  return el(
    'aside',
    { className: 'tools', ariaLabel: '示範工具 Demo tools' },
    renderPhone(customer),
    el(
      'section',
      { className: 'card' },
      el('h2', {}, '示範工具 Demo tools'),
      el('label', { htmlFor: 'scenario' }, '情境 Scenario'),
      scenario,
      el('div', { className: 'row' }, applyScenario),
      el('label', {}, '時間 Clock'),
      clockText,
      el('div', { className: 'row' }, toWindow, pastCode, now),
      el('label', { htmlFor: 'fault' }, '網路故障 Faults'),
      fault,
      el('label', { htmlFor: 'fault-target' }, '套用於 Applies to'),
      target,
      el('label', { htmlFor: 'fault-times' }, '次數 Times'),
      times,
      el('p', { className: 'muted hint' }, 'SDK 會自動重試 2 次，連續 3 次客戶才會看到錯誤。The SDK retries twice: 3 in a row reach the customer.'),
      el('div', { className: 'row' }, arm, disarm),
      pending,
      el('label', { htmlFor: 'locale' }, '語言 Language'),
      language,
      status,
    ),
  );
}

/** 下單簽章測試: what the broker's order page does with the certificate — sign the order, and check the signature. */
function renderSignTest(): HTMLElement {
  const order = el('textarea', { id: 'order', rows: 2, value: '買進 2330 台積電 1 張 限價 1,000 元 Buy 1 lot of 2330 at NT$1,000' });
  const result = el('div', { className: 'status', role: 'status' });
  const sign = el('button', { type: 'button' }, '簽章 Sign');
  // A result says what this computer held when it was signed: a change of the store makes it old.
  center?.events.addEventListener('store-changed', () => result.replaceChildren());
  sign.addEventListener('click', async () => {
    if (!center) return;
    sign.disabled = true;
    result.className = 'status';
    result.replaceChildren('簽章中… Signing…');
    try {
      const data = new TextEncoder().encode(order.value);
      const signature = await center.sign(data);
      const verified = await verifyCms(signature, data);
      result.className = 'status signed';
      result.replaceChildren(
        el(
          'dl',
          {},
          el('dt', {}, '簽章者憑證序號 Signer serial'),
          el('dd', { className: 'serial' }, verified.signer.serialNumber),
          el('dt', {}, '驗證 Verified'),
          el('dd', { className: 'verified' }, '✓ 簽章有效 Signature valid'),
          el('dt', {}, 'CMS SignedData'),
          el('dd', {}, `${signature.length} bytes`),
        ),
      );
    } catch (error) {
      const code = isCertCenterError(error) ? error.code : 'unknown';
      result.className = 'status refused';
      result.replaceChildren(`無法簽章 Not signed: ${signRefusals[code] ?? code}`);
    } finally {
      sign.disabled = false;
    }
  });
  return el(
    'section',
    { className: 'card', ariaLabel: '下單簽章測試 Sign a test order' },
    el('h2', {}, '下單簽章測試 Sign a test order'),
    el('p', { className: 'muted' }, '下單頁以此台電腦的憑證簽署委託，券商主機驗章。The order page signs with this computer’s certificate; the broker verifies.'),
    el('label', { htmlFor: 'order' }, '委託內容 Order'),
    order,
    el('div', { className: 'row' }, sign),
    result,
  );
}

function logout(): void {
  sessionStorage.removeItem(sessionKey);
  renderLogin();
}

async function render(): Promise<void> {
  const customer = loggedIn();
  if (!customer) return renderLogin();
  center?.close();
  center = createCertCenter({
    getAccessToken: () => customer.token,
    clock: () => backend.clock.now(),
    name: storeName(customer),
    // The phone shows a code as soon as the request that sent it has its answer.
    fetch: (input, init) =>
      fetch(input, init).finally(() =>
        queueMicrotask(() => {
          refreshPhone();
          refreshFaults();
        }),
      ),
  });
  const logoutButton = el('button', { type: 'button' }, '登出 Log out');
  logoutButton.addEventListener('click', logout);
  who.replaceChildren(el('span', {}, `${customer.name}（${maskIdNumber(customer.idNumber)}）`), ' ', logoutButton);
  const shell = document.createElement('cert-center');
  shell.center = center;
  shell.locale = locale();
  shell.addEventListener('cert-logout', logout);
  app.replaceChildren(
    el('div', { className: 'layout' }, el('div', { className: 'main' }, el('div', { className: 'card' }, shell), renderSignTest()), renderTools(customer, shell)),
  );
  document.documentElement.lang = locale();
  app.ariaBusy = 'false';
}

await render();
