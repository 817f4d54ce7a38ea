// The demo center for `npm start`: a broker-like page that embeds <cert-center> as a broker
// would, against the SDK's mock CA in a service worker. Beside it, the demo's own tools: a
// "phone" with each code the mock sends, scenarios, the mock's clock, faults and the locale.
import { setupWorker } from 'msw/browser';
import { createMockBackend, scenarioNames, type FaultKind, type MockCustomer, type ScenarioName } from '../mocks';
import { createCertCenter, createIndexedDbStore, maskIdNumber, parseCertificate, type CertCenter } from '../src/core';
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
  drop: '下一個請求中斷 Next request dropped',
  'commit-then-drop': '主機已處理但回應遺失 Lost after the server committed',
  'http-503': '主機忙碌 503 Service unavailable',
  'http-500': '主機錯誤 500',
  latency: '延遲 1 秒 Latency 1 s',
};

let center: CertCenter | undefined;
let refreshPhone = () => {};
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
  const section = el('section', { className: 'phone', ariaLabel: '手機 Phone' }, el('h2', {}, '📱 簡訊／E-mail'), empty, list);
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
            el('div', { className: 'muted' }, `${m.purpose} · ${m.sentAt.toLocaleTimeString('zh-TW', { hour12: false })}`),
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
  const arm = el('button', { type: 'button' }, '下一個請求套用 Arm');
  arm.addEventListener('click', () => {
    backend.faults.next(fault.value as FaultKind);
    status.textContent = `已設定：${faultLabels[fault.value as FaultKind]}（${backend.faults.pending()}）`;
  });

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
      el('div', { className: 'row' }, arm),
      el('label', { htmlFor: 'locale' }, '語言 Language'),
      language,
      status,
    ),
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
    fetch: (input, init) => fetch(input, init).finally(() => queueMicrotask(() => refreshPhone())),
  });
  const logoutButton = el('button', { type: 'button' }, '登出 Log out');
  logoutButton.addEventListener('click', logout);
  who.replaceChildren(el('span', {}, `${customer.name}（${maskIdNumber(customer.idNumber)}）`), ' ', logoutButton);
  const shell = document.createElement('cert-center');
  shell.center = center;
  shell.locale = locale();
  shell.addEventListener('cert-logout', logout);
  app.replaceChildren(el('div', { className: 'layout' }, el('div', { className: 'card' }, shell), renderTools(customer, shell)));
  document.documentElement.lang = locale();
  app.ariaBusy = 'false';
}

await render();
