import { normalisePhone, SearchKeys } from '../../src/privacy/searchKeys';

describe('SearchKeys', () => {
  const keys = new SearchKeys('search-key-for-tests-0123456789abcdef');

  it('gives one key however the number was typed', () => {
    const key = keys.phoneKey('13812345678');
    for (const typed of ['138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '008613812345678', '１３８１２３４５６７８']) {
      expect(keys.phoneKey(typed)).toBe(key);
    }
    expect(keys.phoneKey('13812345679')).not.toBe(key);
  });

  it('depends on the key, so the index cannot be rebuilt from a list of numbers without it', () => {
    const other = new SearchKeys('another-search-key-0123456789abcdef');
    expect(other.phoneKey('13812345678')).not.toBe(keys.phoneKey('13812345678'));
    expect(keys.phoneKey('13812345678')).not.toContain('13812345678');
  });

  it('normalises only a country code before a mobile number', () => {
    expect(normalisePhone('86 138 1234 5678')).toBe('13812345678');
    expect(normalisePhone('010-8888 6666')).toBe('01088886666');
  });
});
