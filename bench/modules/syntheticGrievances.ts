/**
 * The grievance splitter on synthetic multi-grievance messages built from the corpus held-out
 * split (see bench/syntheticGrievances.ts): how often the issues come out exactly right, and how
 * often a single held-out complaint stays one issue. This is what the splitter was tuned on.
 */
import { loadRecognizer } from '../../intents';
import type { BenchModule } from '../benchModule';
import { syntheticGrievances } from '../syntheticGrievances';

export const syntheticGrievancesBench: BenchModule = {
  name: 'grievances-synthetic',
  description: 'grievance splitting on synthetic 2–3 grievance messages from the corpus held-out split',
  run() {
    const recognizer = loadRecognizer();
    const { multi, singles } = syntheticGrievances(400);
    const exact = multi.filter(
      (m) =>
        recognizer
          .understand(m.text)
          .issues.map((i) => i.category)
          .join() === m.labels.join(),
    ).length;
    const whole = singles.filter((s) => recognizer.understand(s.text).issues.length === 1).length;
    return {
      lines: [
        `${multi.length} synthetic messages: issues exactly right in order ${((exact / multi.length) * 100).toFixed(1)}%`,
        `${singles.length} single held-out complaints kept as one issue: ${((whole / singles.length) * 100).toFixed(1)}% (long stories legitimately split into several)`,
      ],
      figures: { multiExact: exact / multi.length, singlesWhole: whole / singles.length },
    };
  },
};
