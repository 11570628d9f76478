import { detectSmallTalk } from './smallTalk';

/**
 * The one lexicon of «I want a person» in the customer's own words, for readers outside the intake
 * dialogs (the satisfaction survey, the handoff records). 「客服」 alone is not such a request:
 * «你们客服态度差» is a complaint about one. The small-talk reading (typo-tolerant: 转人攻) covers the
 * usual phrasings; the words below add asking for someone in charge.
 */
const ASKS_FOR_PERSON = /人工|真人|找人|找客服|转接|接线员|值班|经理|主管/;

export function asksForPerson(text: string | undefined): boolean {
  if (!text) return false;
  return ASKS_FOR_PERSON.test(text) || detectSmallTalk(text).kinds.includes('human');
}
