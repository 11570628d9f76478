import { randomBytes } from 'node:crypto';
import { DataCipher, DataCipherError } from '../../src/privacy/dataCipher';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const SECRET = '客户手机13812345678，身份证11010519491231002X';

/** Replaces one base64url field of a ciphertext (3 = iv, 4 = tag, 5 = data) with a changed copy. */
function alter(stored: string, field: number): string {
  const parts = stored.split(':');
  const bytes = Buffer.from(parts[field], 'base64url');
  bytes[0] ^= 1;
  parts[field] = bytes.toString('base64url');
  return parts.join(':');
}

describe('DataCipher', () => {
  it('round-trips text and carries the key id, with nothing of the plain text in the ciphertext', () => {
    const cipher = new DataCipher([k1]);
    const stored = cipher.encrypt(SECRET);
    expect(stored).toMatch(/^enc:v1:k1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain('13812345678');
    expect(Buffer.from(stored.split(':')[5], 'base64url').toString('utf8')).not.toContain('1381234');
    expect(cipher.decrypt(stored)).toBe(SECRET);
  });

  it('uses a fresh IV for every value, so equal values do not look equal', () => {
    const cipher = new DataCipher([k1]);
    expect(cipher.encrypt(SECRET)).not.toBe(cipher.encrypt(SECRET));
  });

  it('never gives two values one IV, across many draws of its IV pool', () => {
    const cipher = new DataCipher([k1]);
    const ivs = new Set<string>();
    const values = 2000;
    for (let i = 0; i < values; i++) {
      const stored = cipher.encrypt(SECRET);
      ivs.add(stored.split(':')[3]);
      if (i % 500 === 0) expect(cipher.decrypt(stored)).toBe(SECRET);
    }
    expect(ivs.size).toBe(values);
    for (const iv of ivs) expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
  });

  it('rotates: the first key encrypts, the older ones still decrypt', () => {
    const old = new DataCipher([k1]).encrypt('旧数据');
    const rotated = new DataCipher([k2, k1]);
    expect(rotated.decrypt(old)).toBe('旧数据');
    expect(rotated.encrypt('新数据').startsWith('enc:v1:k2:')).toBe(true);
    expect(rotated.currentKeyId).toBe('k2');
  });

  it('names the key id when a value is under a key it does not have', () => {
    const stored = new DataCipher([k2]).encrypt(SECRET);
    expect(() => new DataCipher([k1]).decrypt(stored)).toThrow(DataCipherError);
    expect(() => new DataCipher([k1]).decrypt(stored)).toThrow(/data key "k2".*not in DATA_KEYS/);
  });

  it.each([
    ['the IV', 3],
    ['the tag', 4],
    ['the data', 5],
  ])('fails authentication when %s is altered', (_what, field) => {
    const cipher = new DataCipher([k1]);
    expect(() => cipher.decrypt(alter(cipher.encrypt(SECRET), field))).toThrow(/failed authentication/);
  });

  it('fails when the key id is relabelled (the header is authenticated) or the key differs', () => {
    const both = new DataCipher([k1, k2]);
    const relabelled = both.encrypt(SECRET).replace('enc:v1:k1:', 'enc:v1:k2:');
    expect(() => both.decrypt(relabelled)).toThrow(/failed authentication/);
    const impostor = new DataCipher([{ id: 'k1', key: randomBytes(32) }]);
    expect(() => impostor.decrypt(both.encrypt(SECRET))).toThrow(/failed authentication/);
  });

  it('rejects malformed ciphertexts', () => {
    const cipher = new DataCipher([k1]);
    expect(() => cipher.decrypt('enc:v1:k1:abc')).toThrow(/enc:v1 format/);
    expect(() => cipher.decrypt('enc:v2:k1:a:b:c')).toThrow(/enc:v1 format/);
    expect(() => cipher.decrypt('enc:v1:k1:AAAA:AAAA:AAAA')).toThrow(/malformed IV or tag/);
  });

  it('reads plain JSON written before encryption as it is', () => {
    const cipher = new DataCipher([k1]);
    expect(cipher.open('{"phone":"13812345678"}')).toEqual({ phone: '13812345678' });
    expect(cipher.open(cipher.seal({ a: [1, '二'] }))).toEqual({ a: [1, '二'] });
  });

  it('refuses bad keys', () => {
    expect(() => new DataCipher([])).toThrow(/at least one key/);
    expect(() => new DataCipher([{ id: 'k1', key: randomBytes(16) }])).toThrow(/exactly 32 bytes/);
    expect(() => new DataCipher([{ id: 'bad id', key: randomBytes(32) }])).toThrow(/key id/);
    expect(() => new DataCipher([k1, { id: 'k1', key: randomBytes(32) }])).toThrow(/twice/);
  });
});
