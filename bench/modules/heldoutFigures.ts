/** Quality figures: the corpus held-out split and the blind held-out fixtures (aggregates only). */
import { evaluatePredictions, extractSlots, loadRecognizer, readCorpus } from '../../intents';
import type { BenchModule } from '../benchModule';
import { customerReport, emotionReport, multiReport, slotsReport, traditional } from '../heldout';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export const heldoutFigures: BenchModule = {
  name: 'heldout',
  description: 'accuracy on the corpus held-out split and on test/fixtures/heldout (never trained on)',
  run() {
    const recognizer = loadRecognizer();
    const corpus = readCorpus();
    const own = evaluatePredictions(
      corpus.heldOut.map((e) => e.label),
      corpus.heldOut.map((e) => recognizer.understand(e.text).category as string),
    );
    const customer = customerReport(recognizer);
    const trad = customerReport(recognizer, traditional);
    const multi = multiReport(recognizer);
    const emotion = emotionReport(recognizer);
    const slots = slotsReport(extractSlots);
    return {
      lines: [
        `corpus held-out split (${own.examples}): accuracy ${pct(own.accuracy)}, macro-F1 ${own.macroF1.toFixed(4)}`,
        `customer.tsv (${customer.examples}): accuracy ${pct(customer.accuracy)}, macro-F1 five categories ${customer.macroF1Five.toFixed(4)}, with none ${customer.macroF1All.toFixed(4)}; non-complaints kept out ${pct(customer.noneKeptOut)}, complaints read as none ${pct(customer.complaintsLost)}`,
        `customer.tsv in traditional characters (OpenCC cn→twp): accuracy ${pct(trad.accuracy)}, macro-F1 five ${trad.macroF1Five.toFixed(4)}`,
        `multi.tsv (${multi.examples}): issues exactly right in order ${pct(multi.exactOrder)}, same set ${pct(multi.sameSet)}, right count ${pct(multi.rightCount)}, gold labels found ${pct(multi.labelRecall)}`,
        `emotion.tsv (${emotion.examples}): anger level ${pct(emotion.levelAccuracy)} (within one level ${pct(emotion.levelWithinOne)}), escalation ${pct(emotion.escalationAccuracy)} (precision ${pct(emotion.escalationPrecision)}, recall ${pct(emotion.escalationRecall)}); mean anger by level ${JSON.stringify(emotion.meanAnger)}`,
        `slots.tsv (${slots.examples}): values exact ${pct(slots.slotRecall)}, lenient ${pct(slots.slotRecallLenient)}, lines fully right ${pct(slots.linesAllRight)}; ` +
          Object.entries(slots.perSlot)
            .map(([k, v]) => `${k} ${v.exact}/${v.expected}`)
            .join(', '),
      ],
      figures: {
        corpusHeldOut: { accuracy: own.accuracy, macroF1: own.macroF1 },
        customer: { ...customer, evaluation: undefined },
        traditional: { accuracy: trad.accuracy, macroF1Five: trad.macroF1Five },
        multi,
        emotion,
        slots,
      },
    };
  },
};
