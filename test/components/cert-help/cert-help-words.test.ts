// 操作說明's words: every section in both locales, with steps, in our own words (never naming the
// original broker), and the manual's labels in zh-Hant.
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/components/shared/locales/en.ts';
import { zhHant } from '../../../src/components/shared/locales/zh-hant.ts';
import { helpSectionIds, type Translation } from '../../../src/components/shared/translation.ts';

const locales: [string, Translation][] = [['zh-Hant', zhHant], ['en', en]];

describe.each(locales)('%s: help', (_name, t) => {
  it('has every section, each with a title, what it is for and its steps', () => {
    expect(Object.keys(t.help.sections).sort()).toEqual([...helpSectionIds].sort());
    for (const id of helpSectionIds) {
      const section = t.help.sections[id];
      expect(section.title.trim(), id).not.toBe('');
      expect(section.intro.trim(), id).not.toBe('');
      expect(section.steps.length, id).toBeGreaterThanOrEqual(3);
    }
  });

  it('never names the original broker', () => {
    const all = JSON.stringify(t.help) + JSON.stringify(t.environment) + JSON.stringify(t.announcements);
    expect(all).not.toMatch(/凱基|KGI/i);
  });
});

describe('zh-Hant help', () => {
  it('titles its sections with the menu’s words', () => {
    const titles = helpSectionIds.map((id) => zhHant.help.sections[id].title);
    expect(titles).toEqual(['憑證查詢及申請', '憑證更新', '憑證匯入', '憑證匯出', '檢查憑證', '憑證註銷', '電腦檢測']);
    expect(zhHant.help.heading).toBe('操作說明');
  });

  it('names the buttons and messages as the screens show them', () => {
    const text = (id: (typeof helpSectionIds)[number]) => zhHant.help.sections[id].steps.join('');
    expect(text('overview')).toContain('取得認證碼');
    expect(text('overview')).toContain('您的憑證已申請成功且已匯入此台電腦，您可在此台電腦進行下單。');
    expect(text('renew')).toContain('您的憑證已更新成功且匯入此台電腦，您可在此台電腦進行下單。');
    expect(text('revoke')).toContain('確定要註銷憑證嗎?');
    expect(text('revoke')).toContain('註銷成功');
    expect(text('check')).toContain('此台電腦瀏覽器，查無您有效憑證');
    expect(text('environment')).toContain('重新檢測');
  });
});
