/** The summary said again, more simply, for a customer who answered it with «不知道». */

export const CONFIRM_SIMPLE_YES = '对';
export const CONFIRM_HUMAN = '转人工';

export function confirmSimplyText(shortLines: string[], elderly: boolean): string {
  const opening = elderly ? '不着急，我说简单点。' : '可能是我说得太长了，我简单说一下。';
  return (
    `${opening}我记下的是：${shortLines.join('；')}。\n` +
    `对的话，回一个「${CONFIRM_SIMPLE_YES}」字就行；哪里不对，直接告诉我。\n` +
    `要是不方便打字，回「${CONFIRM_HUMAN}」，我请人工同事来帮您。`
  );
}
