/**
 * Imports that still break the layers, listed exactly: the test fails when one appears that is not
 * here, and also when one listed here is gone, so the list shrinks as the code is fixed.
 */
export const KNOWN_UPWARD: ReadonlyArray<string> = [
  'domain -> logging', // the staff event stream lives in domain/ but needs a logger
  'domain -> store', // and the store's publish/subscribe
  'store -> archive', // the archived store reads the SQL archive behind the live store
];

/** Folder groups that import each other; the test compares this list exactly. */
export const KNOWN_CYCLES: ReadonlyArray<string> = [
  // domain -> store ties the low layers together; archive and reports sit in it through the archived store.
  'archive compliments config domain logging privacy reports store',
];
