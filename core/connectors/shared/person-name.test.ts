import { describe, expect, it } from 'vitest';
import { joinPersonName, splitPersonName } from './person-name';

describe('A one-word name is doubled (issue 8.6): names split the same way everywhere', () => {
  it('one word is a last name only; more words: the first is the first name, the rest the last name', () => {
    expect(splitPersonName('Madonna')).toEqual({ lastName: 'Madonna' });
    expect(splitPersonName('  Anna   de Vries ')).toEqual({ firstName: 'Anna', lastName: 'de Vries' });
    expect(splitPersonName('Jean-Luc Picard')).toEqual({ firstName: 'Jean-Luc', lastName: 'Picard' });
    expect(splitPersonName('')).toBeUndefined();
    expect(splitPersonName(undefined)).toBeUndefined();
  });

  it('joining gives back what was split', () => {
    for (const name of ['Madonna', 'Anna de Vries', 'Zoë van der Berg-Östlund']) {
      const split = splitPersonName(name);
      expect(joinPersonName(split?.firstName, split?.lastName)).toBe(name);
    }
    expect(joinPersonName(undefined, 'Madonna')).toBe('Madonna');
    expect(joinPersonName(' Anna ', null)).toBe('Anna');
  });
});
