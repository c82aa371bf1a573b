import { describe, expect, it } from 'vitest';
import { choiceHelp } from './schema';

describe('a choice’s help', () => {
  it('names the options as the list shows them, not by their values', () => {
    const options = [
      { value: 'everything', label: 'Everything' },
      { value: 'from-now', label: 'From now' },
    ];
    expect(choiceHelp('everything: bring over all records there are now; from-now: only what is added or changed from today on.', options)).toBe(
      'Everything: bring over all records there are now; From now: only what is added or changed from today on.',
    );
    // A value inside a sentence is left alone; only an option's own "value:" is renamed.
    expect(choiceHelp('Reads everything: the whole account.', options)).toBe('Reads everything: the whole account.');
    expect(choiceHelp(undefined, options)).toBeUndefined();
  });
});
