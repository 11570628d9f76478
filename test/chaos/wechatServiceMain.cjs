'use strict';
/**
 * One instance of the built service with WeChat on wechaty-puppet-mock, run as a child process
 * by test/chaos/wechatCrash.test.ts so that it can be killed with SIGKILL. WeChat itself lives
 * in the parent (the test): over IPC the parent delivers customer messages to this puppet, and
 * a message the bot sends counts as accepted by WeChat only once the parent has acknowledged it,
 * as the WeChat servers would. Plain JavaScript on dist/, like `npm start`.
 */
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
const { createApp } = require(path.join(root, 'dist/src/index.js'));
const { PuppetMock, mock } = require('wechaty-puppet-mock');

const TEXT_TYPE = 7;
const mocker = new mock.Mocker();
const puppet = new PuppetMock({ mocker });
const botUser = mocker.createContact({ id: 'bot-self', name: '移动客服' });
const contacts = new Set();

function ensureContact(id) {
  if (contacts.has(id)) return;
  mocker.createContact({ id, name: `客户${id.slice(-3)}` });
  contacts.add(id);
}

// WeChat knows every customer, also to an instance that started after they wrote in.
for (const id of (process.env.CONTACTS ?? '').split(',').filter(Boolean)) ensureContact(id);

let nextRequest = 0;
const waiting = new Map();
function ask(message) {
  const id = ++nextRequest;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    process.send({ ...message, requestId: id });
  });
}

// Accepted by "WeChat" once the parent has it; then the mock's own bookkeeping.
const sendText = puppet.messageSendText.bind(puppet);
puppet.messageSendText = async (conversationId, text, ...rest) => {
  await ask({ type: 'sent', to: conversationId, text });
  return sendText(conversationId, text, ...rest);
};

const app = createApp({
  wechaty: {
    puppet,
    options: {
      contactPerMinute: 600,
      globalPerMinute: 6000,
      typingCharsPerSecond: 1000,
      minTypingMs: 5,
      maxTypingMs: 20,
      firstReplyMaxMs: 5,
      // The parent sets it so that replies queue up: kills then land mid-send.
      globalMinGapMs: Number(process.env.SEND_GAP_MS ?? 5),
      leaseMs: 1500,
      renewMs: 300,
      reconnectInitialMs: 50,
      reconnectMaxMs: 200,
      printQr: () => undefined,
    },
  },
});

// The person scanning the QR code: whenever the puppet runs and is logged out, log it in.
setInterval(() => {
  if (puppet.state.active() === true && !puppet.isLoggedIn) {
    mocker.scan('https://login.weixin.qq.com/l/mock-qr', 2);
    mocker.login(botUser);
  }
}, 20).unref();

async function handle(message) {
  switch (message.type) {
    case 'answer': {
      const resolve = waiting.get(message.requestId);
      waiting.delete(message.requestId);
      resolve?.();
      return undefined;
    }
    case 'status':
      return app.wechat.status();
    case 'say': {
      ensureContact(message.contactId);
      mocker.MessageMock.create({
        id: message.id,
        talkerId: message.contactId,
        listenerId: botUser.id,
        timestamp: Date.now(),
        type: TEXT_TYPE,
        text: message.text,
      });
      puppet.emit('message', { messageId: message.id });
      return true;
    }
    case 'log':
      return app.store.readActivities(`wechat-log:wechat:${message.contactId}`, -1);
    default:
      return undefined;
  }
}

process.on('message', (message) => {
  handle(message).then(
    (result) => message.type !== 'answer' && process.send({ type: 'reply', requestId: message.requestId, result }),
    (err) => process.send({ type: 'reply', requestId: message.requestId, error: String(err && err.message) }),
  );
});

app.start().then(
  () => process.send({ type: 'up', port: app.port }),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
