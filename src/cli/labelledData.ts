/** The labelled data `train` and `evaluate` read: --data FILE.tsv, text<TAB>label lines. */
import { readLabelledTsv, TsvError } from '../../intents';
import { CliUsageError } from './command';

/** The --data value, or a usage error when it is missing. */
export function requireDataOption(data: string | undefined): string {
  if (!data) throw new CliUsageError('missing --data FILE.tsv (lines of text<TAB>label)');
  return data;
}

/** Reads the labelled examples; a file that is not text<TAB>label lines is a usage error. */
export function readExamples(file: string): ReturnType<typeof readLabelledTsv> {
  try {
    return readLabelledTsv(file);
  } catch (err) {
    if (err instanceof TsvError) throw new CliUsageError(err.message);
    throw err;
  }
}
