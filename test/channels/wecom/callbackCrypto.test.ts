import { createCipheriv } from 'node:crypto';
import {
  CallbackCryptoError,
  aesKeyOf,
  decryptMessage,
  encryptMessage,
  openSigned,
  signatureOf,
} from '../../../src/channels/wecom/callbackCrypto';

const keys = { token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiveId: 'wx5823bf96d3bd56c7' };

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof CallbackCryptoError ? e.reason : 'other';
  }
  return undefined;
}

describe('WeCom callback crypto', () => {
  it('computes the documented URL-check signature', () => {
    const echostr = 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==';
    expect(signatureOf('QDG6eK', '1409659589', '263014780', echostr)).toBe('5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3');
  });

  it('round-trips a message and pads to a multiple of 32', () => {
    const enc = encryptMessage(keys, '<xml><Event>kf_msg_or_event</Event></xml>');
    expect(Buffer.from(enc, 'base64').length % 32).toBe(0);
    const sig = signatureOf(keys.token, '1', 'n', enc);
    expect(openSigned(keys, { signature: sig, timestamp: '1', nonce: 'n', encrypt: enc })).toBe(
      '<xml><Event>kf_msg_or_event</Event></xml>',
    );
  });

  it('refuses a tampered signature before decrypting', () => {
    const enc = encryptMessage(keys, '你好');
    const sig = signatureOf(keys.token, '1', 'n', enc);
    const bad = (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1);
    expect(reasonOf(() => openSigned(keys, { signature: bad, timestamp: '1', nonce: 'n', encrypt: enc }))).toBe('signature');
    expect(reasonOf(() => openSigned(keys, { signature: sig, timestamp: '2', nonce: 'n', encrypt: enc }))).toBe('signature');
  });

  it('refuses a message for another corp id', () => {
    const enc = encryptMessage({ ...keys, receiveId: 'wwother' }, 'hi');
    expect(reasonOf(() => decryptMessage(keys, enc))).toBe('receiver');
  });

  it('refuses bad padding and truncated ciphertext', () => {
    const key = aesKeyOf(keys.encodingAesKey);
    const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    c.setAutoPadding(false);
    const badPad = Buffer.alloc(32, 0); // last byte 0 is never valid padding
    const enc = Buffer.concat([c.update(badPad), c.final()]).toString('base64');
    expect(reasonOf(() => decryptMessage(keys, enc))).toBe('padding');
    expect(reasonOf(() => decryptMessage(keys, Buffer.alloc(15).toString('base64')))).toBe('ciphertext');
  });

  it('refuses a malformed EncodingAESKey', () => {
    expect(reasonOf(() => aesKeyOf('short'))).toBe('key');
  });
});
