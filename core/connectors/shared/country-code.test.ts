import { describe, expect, it } from 'vitest';
import { countryCode } from './country-code';

describe('countryCode', () => {
  it('reads a two-letter code in capitals, trimmed; keeps anything else as written; empty is no country', () => {
    expect(['nl', ' NL ', 'Be', 'DE'].map(countryCode)).toEqual(['NL', 'NL', 'BE', 'DE']);
    expect(['Nederland', ' N L', 'NLD'].map(countryCode)).toEqual(['Nederland', 'N L', 'NLD']);
    expect(['', '   ', null, undefined, 31].map(countryCode)).toEqual([null, null, null, null, null]);
  });
});
