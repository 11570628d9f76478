import { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { FileBoxInterface } from 'file-box';

/**
 * A WeChat world on wechaty-puppet-mock: the bot's account, customers, and what each customer
 * received from the bot. autoLogin() plays the person who scans the QR code: whenever the
 * puppet is running and not logged in, it shows a QR code and logs the bot account in.
 */

type ContactMock = ReturnType<mock.Mocker['createContact']>;
type RoomMock = ReturnType<mock.Mocker['createRoom']>;

export interface ReceivedText {
  text: string;
  at: number;
}

export const MOCK_QR_VALUE = 'https://login.weixin.qq.com/l/mock-qr';

export class WechatMockWorld {
  readonly mocker = new mock.Mocker();
  readonly puppet = new PuppetMock({ mocker: this.mocker });
  readonly botUser: ContactMock;
  private readonly received = new Map<string, ReceivedText[]>();
  private loginTimer?: NodeJS.Timeout;
  logins = 0;

  constructor(options: { botId?: string; botName?: string } = {}) {
    this.botUser = this.mocker.createContact({ id: options.botId ?? 'bot-self', name: options.botName ?? '移动客服' });
  }

  /** A customer (individual contact) whose inbox this world records. */
  customer(id: string, name = `客户${id}`): ContactMock {
    const contact = this.mocker.createContact({ id, name });
    this.received.set(id, []);
    contact.on('message', (m) => {
      // The mock fires on both sides of the chat; keep only what the bot sent to this customer.
      if (m.talker().id === this.botUser.id && m.listener()?.id === id)
        this.received.get(id)!.push({ text: m.text() ?? '', at: Date.now() });
    });
    return contact;
  }

  room(id: string, members: ContactMock[]): RoomMock {
    return this.mocker.createRoom({ id, topic: '投诉群', memberIdList: [this.botUser.id, ...members.map((m) => m.id)] });
  }

  /** Texts the bot posted into a room (the mock reports them as room messages from the bot). */
  roomTexts(room: RoomMock): string[] {
    const texts: string[] = [];
    for (const payload of this.mocker.cacheMessagePayload.values()) {
      if ('roomId' in payload && payload.roomId === room.id && payload.talkerId === this.botUser.id) texts.push(payload.text ?? '');
    }
    return texts;
  }

  inbox(contactId: string): ReceivedText[] {
    return this.received.get(contactId) ?? [];
  }

  say(from: ContactMock, text: string): void {
    from.say(text).to(this.botUser);
  }

  sendFile(from: ContactMock, file: FileBoxInterface): void {
    from.say(file).to(this.botUser);
  }

  /** A message of any wechaty type, as a real puppet would report it (stickers, links, voice). */
  sendRaw(from: ContactMock, type: number, extra: { filename?: string; text?: string } = {}): string {
    const id = `raw-${Math.random().toString(36).slice(2)}`;
    this.mocker.MessageMock.create({ id, talkerId: from.id, listenerId: this.botUser.id, timestamp: Date.now(), type, ...extra });
    this.puppet.emit('message', { messageId: id });
    return id;
  }

  autoLogin(): void {
    this.loginTimer = setInterval(() => {
      if (this.puppet.state.active() === true && !this.puppet.isLoggedIn) {
        this.mocker.scan(MOCK_QR_VALUE, 2);
        this.mocker.login(this.botUser);
        this.logins++;
      }
    }, 10);
  }

  stopAutoLogin(): void {
    if (this.loginTimer) clearInterval(this.loginTimer);
    this.loginTimer = undefined;
  }

  async waitForInbox(contactId: string, count: number, timeoutMs = 5000): Promise<ReceivedText[]> {
    await waitUntil(
      () => this.inbox(contactId).length >= count,
      timeoutMs,
      `${count} messages for ${contactId} (got ${this.inbox(contactId).length})`,
    );
    return this.inbox(contactId);
  }
}

export async function waitUntil(condition: () => boolean, timeoutMs: number, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
