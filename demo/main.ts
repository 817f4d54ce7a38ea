// The core at work in a browser against the MSW mock CA: apply, back up, import, check, sign,
// renew and revoke. Plain DOM on purpose: the Lit elements replace this page when they land.
import { setupWorker } from 'msw/browser';
import { createMockBackend } from '../mocks';
import {
  createCertCenter,
  isCertCenterError,
  maskIdNumber,
  type LocalCredential,
  type OtpSent,
  type ProgressStep,
} from '../src/core';

const backend = createMockBackend({ persist: 'session-storage' });
const worker = setupWorker(...backend.handlers);
await worker.start({ quiet: true, serviceWorker: { url: '/mockServiceWorker.js' } });

const customer = backend.customers[0]!;
// The center reads the mock's clock, so "time travel" below moves both sides together.
const center = createCertCenter({ getAccessToken: () => customer.token, clock: () => backend.clock.now() });

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const day = (d: Date | string) => new Date(d).toLocaleString('zh-TW', { hour12: false });

const messages: Record<string, string> = {
  OTP_INVALID: '認證碼錯誤',
  OTP_EXPIRED: '認證碼已失效，請重新取得',
  OTP_LOCKED: '認證碼錯誤三次，已失效，請重新取得',
  OTP_TOKEN_INVALID: '認證已逾時，請重新取得認證碼',
  CERT_EXISTS: '您已有有效憑證，請使用更新',
  RENEWAL_NOT_OPEN: '尚未進入可更新區間',
  REVOCATION_LIMIT: '已超過線上註銷次數，請洽分公司或客服',
  PASSWORD_POLICY: '密碼須為 4–10 碼英文或數字，且兩次輸入相同',
  PFX_BAD_PASSWORD: '密碼錯誤',
  PFX_MALFORMED: '檔案不是有效的憑證備份檔',
  PFX_TOO_LARGE: '檔案過大，不是憑證備份檔',
  PFX_TOO_COSTLY: '此憑證檔要求的運算量超出上限，無法匯入',
  PFX_UNSUPPORTED_ALGORITHM: '此憑證檔的加密方式不支援',
  CERT_EXPIRED: '此憑證已過期',
  CERT_REVOKED: '此憑證已註銷',
  CERT_NOT_YOURS: '此憑證不屬於您',
  KEY_MISMATCH: '憑證與私鑰不相符',
  NO_VALID_CREDENTIAL: '查無您有效憑證',
  NETWORK: '網路連線失敗，請稍後再試',
  TIMEOUT: '連線逾時，請稍後再試',
  SERVER: '系統忙碌中，請稍後再試',
  STORAGE: '瀏覽器無法儲存資料',
};
const explain = (error: unknown) =>
  isCertCenterError(error)
    ? `${messages[error.code] ?? '發生錯誤'} (${error.code}${error.problem?.attemptsLeft !== undefined ? `, 剩餘 ${error.problem.attemptsLeft} 次` : ''})`
    : String(error);
const say = (el: HTMLElement, text: string, kind: 'ok' | 'err' | '' = '') => {
  el.textContent = text;
  el.className = `status ${kind}`;
};

async function guarded(status: HTMLElement, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    say(status, explain(error), 'err');
  }
}

// ---- tables ----
async function refresh() {
  const profile = await center.profile();
  $('#profile .body').innerHTML = `<div>${esc(profile.name)}　${esc(profile.idNumber)}</div><div class="muted">${esc(profile.phone)} · ${esc(profile.email)}</div>`;
  const overview = await center.overview();
  $('#server .body').innerHTML = overview.server.length
    ? table(['身分證字號', '憑證序號', '格式', '有效期限', '狀態', '可更新區間'], overview.server.map((c) => [
        esc(c.idNumber), c.serialNumber, c.format, `${day(c.notBefore)} ~ ${day(c.notAfter)}`,
        `<span class="badge ${c.status}">${statusText[c.status]}</span>`, `${day(c.renewFrom)} ~ ${day(c.renewUntil)}`,
      ])) + `<p class="muted">線上註銷剩餘 ${overview.policy.revocationsLeft} 次</p>`
    : '<p>您尚未申請憑證，請點 申請，以進行申請作業。</p>';
  $('#local .body').innerHTML = overview.local.length
    ? table(['身分證字號', '用途', '憑證序號', '有效期限', '狀態', '可更新區間', '來源'], overview.local.map((c) => [
        maskIdNumber(c.idNumber), '電子交易', c.serialNumber, `${day(c.certificate.notBefore)} ~ ${day(c.certificate.notAfter)}`,
        `<span class="badge ${c.status}">${c.status === 'valid' ? '有效' : `無效 (${c.reason})`}</span>`, `${day(c.renewFrom)} ~ ${day(c.renewUntil)}`, c.origin,
      ]))
    : '<p class="muted">此台電腦尚無憑證。</p>';
  fillSelect('#export-serial', overview.local);
  fillSelect('#revoke-serial', overview.local.filter((c) => c.reason !== 'revoked'));
}
const statusText: Record<string, string> = { valid: '正常', 'renewal-due': '需更新', expired: '已過期', revoked: '已註銷' };
const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
function fillSelect(selector: string, credentials: LocalCredential[]) {
  $<HTMLSelectElement>(selector).innerHTML = credentials.map((c) => `<option value="${c.serialNumber}">${c.serialNumber} (${c.status === 'valid' ? '有效' : '無效'})</option>`).join('');
}

function showInbox() {
  const last = backend.inbox.last(customer.idNumber);
  $('#inbox .body').innerHTML = last
    ? `<div>認證碼 <strong>${last.code}</strong> (${last.purpose})</div><div class="muted">to ${last.channels.map((c) => esc(c.to)).join(', ')} at ${day(last.sentAt)}</div>`
    : '—';
}

// ---- apply / renew ----
let otp: OtpSent | undefined;
let countdown: ReturnType<typeof setInterval> | undefined;
function startCountdown(sent: OtpSent) {
  clearInterval(countdown);
  const status = $('#otp-status');
  const tick = () => {
    const left = Math.max(0, Math.round((sent.expiresAt.getTime() - Date.now()) / 1000));
    say(status, `認證碼已發送至 ${sent.channels.map((c) => c.to).join('、')}，請於 ${left} 秒內輸入`);
    if (left === 0) {
      clearInterval(countdown);
      say(status, '認證碼已失效，請重新取得', 'err');
    }
  };
  tick();
  countdown = setInterval(tick, 1000);
}
for (const purpose of ['apply', 'renew'] as const) {
  $(`#otp-${purpose}`).addEventListener('click', () =>
    guarded($('#otp-status'), async () => {
      otp = await center.requestOtp(purpose);
      startCountdown(otp);
      showInbox();
      if (purpose === 'apply') {
        const consent = await center.consent();
        $('#consent pre').textContent = `${consent.title}\n\n${consent.text}`;
        $<HTMLDetailsElement>('#consent').open = true;
      }
    }),
  );
}
const stepText: Record<ProgressStep, string> = {
  'generating-key': '產生金鑰 Generating the key pair',
  'storing-key': '保存金鑰 Storing the key',
  'signing-proof': '以舊憑證簽章 Signing with the current certificate',
  'sending-request': '傳送申請 Sending the request',
  'storing-certificate': '下載並保存憑證 Storing the certificate',
  done: '完成 Done',
};
$('#otp-confirm').addEventListener('click', () =>
  guarded($('#otp-status'), async () => {
    if (!otp) throw new Error('請先取得認證碼');
    const { otpToken } = await center.verifyOtp(otp.otpId, $<HTMLInputElement>('#otp-code').value.trim());
    clearInterval(countdown);
    say($('#otp-status'), '認證成功，憑證資料下載中，約需 5–20 秒…', 'ok');
    const list = $('#progress');
    list.innerHTML = '';
    const onProgress = (step: ProgressStep) => {
      list.querySelectorAll('li').forEach((li) => li.classList.add('done'));
      list.insertAdjacentHTML('beforeend', `<li>${stepText[step]}</li>`);
    };
    if (otp.purpose === 'apply') {
      const consent = await center.consent();
      await center.apply({ otpToken, consentVersion: consent.version, onProgress });
      say($('#otp-status'), '您的憑證已申請成功且已匯入此台電腦，您可在此台電腦進行下單。請立即匯出備份。', 'ok');
    } else {
      await center.renew({ otpToken, onProgress });
      say($('#otp-status'), '憑證更新成功。其他電腦請重新匯入新憑證。', 'ok');
    }
    otp = undefined;
    await refresh();
  }),
);

// ---- export ----
$('#export').addEventListener('click', () =>
  guarded($('#export-status'), async () => {
    const backup = await center.exportBackup({
      serialNumber: $<HTMLSelectElement>('#export-serial').value,
      password: $<HTMLInputElement>('#export-password').value,
      confirmPassword: $<HTMLInputElement>('#export-confirm').value,
      compatibility: $<HTMLInputElement>('#export-legacy').checked ? 'legacy' : 'modern',
    });
    const url = URL.createObjectURL(new Blob([backup.bytes.slice()], { type: 'application/x-pkcs12' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: backup.fileName });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    say($('#export-status'), `已存檔 ${backup.fileName} (${backup.bytes.length} bytes)`, 'ok');
  }),
);

// ---- import ----
$('#import-go').addEventListener('click', () =>
  guarded($('#import-status'), async () => {
    const file = $<HTMLInputElement>('#import-file').files?.[0];
    if (!file) throw new Error('請選擇 .pfx 檔案');
    const credential = await center.importBackup(new Uint8Array(await file.arrayBuffer()), $<HTMLInputElement>('#import-password').value);
    say($('#import-status'), `匯入成功：${credential.serialNumber}`, 'ok');
    await refresh();
  }),
);

// ---- check ----
$('#check-go').addEventListener('click', () =>
  guarded($('#check .body'), async () => {
    const rows = await center.check();
    $('#check .body').innerHTML = rows
      .map((r) => (r.serialNumber === null ? '<p>查無您有效憑證 → 匯入</p>' : `<p>${r.serialNumber}: ${r.status === 'valid' ? '有效 → 匯出' : `無效 (${r.reason}) → 移除`}</p>`))
      .join('');
  }),
);

// ---- sign ----
$('#sign-go').addEventListener('click', () =>
  guarded($('#sign-out'), async () => {
    const signature = await center.sign(new TextEncoder().encode($<HTMLInputElement>('#sign-data').value));
    let b64 = '';
    signature.forEach((b) => (b64 += String.fromCharCode(b)));
    $('#sign-out').textContent = `-----BEGIN CMS-----\n${btoa(b64).replace(/(.{64})/g, '$1\n')}\n-----END CMS-----`;
  }),
);

// ---- revoke ----
let revokeOtp: OtpSent | undefined;
$('#otp-revoke').addEventListener('click', () =>
  guarded($('#revoke-status'), async () => {
    revokeOtp = await center.requestOtp('revoke');
    showInbox();
    say($('#revoke-status'), `認證碼已發送至 ${revokeOtp.channels.map((c) => c.to).join('、')}`);
  }),
);
$('#revoke-go').addEventListener('click', () =>
  guarded($('#revoke-status'), async () => {
    if (!revokeOtp) throw new Error('請先取得認證碼');
    const { otpToken } = await center.verifyOtp(revokeOtp.otpId, $<HTMLInputElement>('#revoke-code').value.trim());
    if (!confirm('確定要註銷憑證嗎?')) return;
    const result = await center.revoke({ otpToken, serialNumber: $<HTMLSelectElement>('#revoke-serial').value });
    say($('#revoke-status'), `註銷成功（線上註銷剩餘 ${result.revocationsLeft} 次）`, 'ok');
    revokeOtp = undefined;
    await refresh();
  }),
);

// ---- computer check ----
$('#env-go').addEventListener('click', () =>
  guarded($('#env .body'), async () => {
    const report = await center.environment();
    $('#env .body').innerHTML = table(['檢測項目', '結果', '說明'], report.items.map((c) => [c.id, c.status, esc(c.detail ?? '') + (c.advice ? ` → ${c.advice}` : '')]));
  }),
);

const showClock = () => ($('#clock').textContent = `mock clock: ${day(backend.clock.now())}`);
$('#advance').addEventListener('click', async () => {
  backend.clock.advance(335 * 86_400_000);
  showClock();
  await refresh();
});

$('#reset').addEventListener('click', async () => {
  await backend.reset();
  for (const c of await center.credentials()) await center.remove(c.serialNumber);
  location.reload();
});

center.events.addEventListener('store-changed', () => void refresh());
await center.resume();
showClock();
await refresh();
