import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeCom callback encryption (the WXBizMsgCrypt scheme): every callback and the URL check carry
 * an AES-256-CBC payload and a SHA1 signature; both are checked before anything is parsed.
 */

/** Why a payload was refused; callers answer 4xx with it, never 5xx. */
export class CallbackCryptoError extends Error {
  constructor(readonly reason: 'signature' | 'key' | 'ciphertext' | 'padding' | 'length' | 'receiver') {
    super(`wecom callback refused: ${reason}`);
  }
}

const BLOCK = 32; // WeCom pads to 32 bytes, not AES's 16

export interface CallbackKeys {
  token: string;
  /** The 43-character EncodingAESKey from the admin console. */
  encodingAesKey: string;
  /** The CorpID the plaintext must end with. */
  receiveId: string;
}

export function aesKeyOf(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) throw new CallbackCryptoError('key');
  return Buffer.from(encodingAesKey + '=', 'base64');
}

/** SHA1 over the four values sorted as strings, hex. */
export function signatureOf(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

export function signatureMatches(keys: CallbackKeys, signature: string, timestamp: string, nonce: string, encrypt: string): boolean {
  const expected = Buffer.from(signatureOf(keys.token, timestamp, nonce, encrypt));
  const given = Buffer.from(signature.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function encryptMessage(keys: CallbackKeys, message: string, random: Buffer = randomBytes(16)): string {
  const key = aesKeyOf(keys.encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random, length, body, Buffer.from(keys.receiveId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

export function decryptMessage(keys: CallbackKeys, encrypt: string): string {
  const key = aesKeyOf(keys.encodingAesKey);
  const data = Buffer.from(encrypt, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) throw new CallbackCryptoError('ciphertext');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(data), decipher.final()]);
  const pad = padded[padded.length - 1];
  if (pad < 1 || pad > BLOCK || pad > padded.length || !padded.subarray(padded.length - pad).every((b) => b === pad)) {
    throw new CallbackCryptoError('padding');
  }
  const plain = padded.subarray(0, padded.length - pad);
  if (plain.length < 20) throw new CallbackCryptoError('length');
  const size = plain.readUInt32BE(16);
  if (20 + size > plain.length) throw new CallbackCryptoError('length');
  const receiver = plain.subarray(20 + size).toString('utf8');
  if (receiver !== keys.receiveId) throw new CallbackCryptoError('receiver');
  return plain.subarray(20, 20 + size).toString('utf8');
}

/** Checks the signature first, then decrypts: an unsigned payload is never decrypted. */
export function openSigned(keys: CallbackKeys, q: { signature: string; timestamp: string; nonce: string; encrypt: string }): string {
  if (!signatureMatches(keys, q.signature, q.timestamp, q.nonce, q.encrypt)) throw new CallbackCryptoError('signature');
  return decryptMessage(keys, q.encrypt);
}
