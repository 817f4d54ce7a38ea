// 電腦檢測's results for the stories: a report the story chooses, given by the story's center in
// place of the real check (the real one, against the mock, is a story of its own).
import { environmentCheckIds, type CertCenter, type EnvironmentCheck, type EnvironmentCheckId, type EnvironmentReport } from '../../src/core/index.ts';
import { NOW } from './kit.ts';

type Changes = Partial<Record<EnvironmentCheckId, Omit<EnvironmentCheck, 'id'>>>;

/** A report with every check passed, except those given. */
export function report(changes: Changes = {}): EnvironmentReport {
  const items = environmentCheckIds.map((id): EnvironmentCheck => ({ id, status: 'pass', ...changes[id] }));
  return { ok: items.every((item) => item.status !== 'fail'), items, checkedAt: NOW };
}

/** The center, whose computer check answers `answer` (a report, a failure, or never: still checking). */
export function withEnvironment(center: CertCenter, answer: () => Promise<EnvironmentReport>): CertCenter {
  return new Proxy(center, {
    get(target, key) {
      if (key === 'environment') return answer;
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
