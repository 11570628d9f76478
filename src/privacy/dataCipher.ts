import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encryption of personal data at rest (DOMAIN.md, Privacy: "stored encrypted"). AES-256-GCM,
 * one random 96-bit IV per value. Every ciphertext names the key that made it, so keys can
 * rotate: the first key encrypts, every listed key decrypts, and an old key is dropped only once
 * nothing written under it is still kept.
 *
 *   enc:v1:<key id>:<iv>:<tag>:<data>      (iv, tag and data base64url)
 *
 * The "enc:v1:<key id>" header is authenticated too (GCM additional data), so a value cannot be
 * passed off as written under another key or format version.
 */

export interface DataKey {
  /** Short name carried in each ciphertext, e.g. "k2" ([A-Za-z0-9_-]{1,16}). */
  id: string;
  /** Exactly 32 bytes. */
  key: Buffer;
}

export const DATA_KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** IVs drawn from the system's generator this many at a time: one call per seal cost more than the seal's AES. */
const IVS_PER_DRAW = 256;

export class DataCipherError extends Error {}

export class DataCipher {
  private readonly keys = new Map<string, Buffer>();
  private readonly current: DataKey;
  /** Random bytes for the next IVs; each 12-byte slice is used once, then the pool is drawn again. */
  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;

  constructor(keys: readonly DataKey[]) {
    if (keys.length === 0) throw new DataCipherError('data cipher: at least one key is needed');
    for (const { id, key } of keys) {
      if (!DATA_KEY_ID.test(id)) throw new DataCipherError(`data cipher: key id "${id}" must be 1-16 letters, digits, _ or -`);
      if (key.length !== 32) throw new DataCipherError(`data cipher: key "${id}" must be exactly 32 bytes, not ${key.length}`);
      if (this.keys.has(id)) throw new DataCipherError(`data cipher: key id "${id}" is listed twice`);
      this.keys.set(id, key);
    }
    this.current = keys[0];
  }

  /** The id new values are encrypted under. */
  get currentKeyId(): string {
    return this.current.id;
  }

  encrypt(plain: string): string {
    const header = `${PREFIX}${this.current.id}`;
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(header, 'utf8'));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [header, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
  }

  /** A fresh random IV, as random as randomBytes(12) and never handed out twice. */
  private nextIv(): Buffer {
    if (this.ivOffset + IV_BYTES > this.ivPool.length) {
      this.ivPool = randomBytes(IV_BYTES * IVS_PER_DRAW);
      this.ivOffset = 0;
    }
    const iv = this.ivPool.subarray(this.ivOffset, this.ivOffset + IV_BYTES);
    this.ivOffset += IV_BYTES;
    return iv;
  }

  /** True for a value this module wrote (anything else is plain text from before encryption). */
  static isEncrypted(stored: string): boolean {
    return stored.startsWith('enc:');
  }

  /**
   * The plain text of a stored value. A value without the `enc:` prefix was written before
   * encryption was switched on and is returned as it is, so an upgrade loses nothing.
   */
  decrypt(stored: string): string {
    if (!DataCipher.isEncrypted(stored)) return stored;
    const parts = stored.split(':');
    if (parts.length !== 6 || parts[1] !== 'v1') throw new DataCipherError('stored value is not in the enc:v1 format');
    const [, , id, ivText, tagText, dataText] = parts;
    const key = this.keys.get(id);
    if (!key) {
      throw new DataCipherError(
        `stored value is encrypted under data key "${id}", which is not in DATA_KEYS (known: ${[...this.keys.keys()].join(', ')})`,
      );
    }
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new DataCipherError('stored value has a malformed IV or tag');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(`${PREFIX}${id}`, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(dataText, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new DataCipherError(`stored value under data key "${id}" failed authentication (altered, or a different key with that id)`);
    }
  }

  /** JSON in, ciphertext out: the one encoding every Redis value with personal data goes through. */
  seal(value: unknown): string {
    return this.encrypt(JSON.stringify(value));
  }

  /** Ciphertext (or plain JSON from before encryption) in, the value out. */
  open<T>(stored: string): T {
    return JSON.parse(this.decrypt(stored)) as T;
  }
}
