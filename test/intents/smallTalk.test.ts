import { detectSmallTalk, loadRecognizer } from '../../intents';

const recognizer = loadRecognizer();

describe('small talk', () => {
  it.each([
    ['你好', 'greeting'],
    ['在吗？', 'greeting'],
    ['谢谢你', 'thanks'],
    ['转人工', 'human'],
    ['我要人工客服', 'human'],
    ['找真人', 'human'],
    ['转人攻', 'human'],
    ['营业厅几点开门', 'hours'],
    ['你们营业时间是几点到几点', 'hours'],
    ['算了', 'cancel'],
    ['取消', 'cancel'],
    ['重新说', 'restart'],
    ['重来', 'restart'],
    // giving up on the wording, not on the complaint
    ['算了，重新说', 'restart'],
    ['算了，我再说一遍', 'restart'],
    ['不对，我重新说', 'restart'],
    ['不是，我重新说一下', 'restart'],
    ['帮助', 'help'],
    ['你能做什么', 'help'],
    // asked whether a person is there: the help says it is a bot
    ['你是机器人吗', 'help'],
    ['你是真人吗？', 'help'],
    ['拜拜', 'bye'],
    ['再见', 'bye'],
  ])('%s → none + %s', (text, kind) => {
    const u = recognizer.understand(text);
    expect(u.category).toBe('none');
    expect(u.issues).toEqual([]);
    expect(u.smallTalk).toBe(kind);
  });

  it('reports a request for a person next to a grievance', () => {
    const u = recognizer.understand('转人工！你们乱扣费');
    expect(u.category).toBe('billing_dispute');
    expect(u.smallTalk).toBe('human');
  });

  it('does not take complaints for commands', () => {
    expect(detectSmallTalk('套餐取消不了').kind).toBeUndefined();
    expect(detectSmallTalk('人工客服太嚣张了').kind).toBeUndefined();
    const u = recognizer.understand('你好，我的宽带坏了三天了');
    expect(u.category).toBe('after_sales');
    expect(u.smallTalk).toBeUndefined();
  });
});
