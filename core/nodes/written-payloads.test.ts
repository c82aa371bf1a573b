import { describe, expect, it } from 'vitest';
import { sentBy, withSent } from './written-payloads';

describe('what each writer sent', () => {
  it('keeps the recent payloads per writer, newest first; a plain hash counts for every writer', () => {
    expect(sentBy('abc', 'flow-a/customer')).toEqual(['abc']);
    let stored = withSent(null, 'a/customer', 'h1');
    stored = withSent(stored, 'b/customer', 'x1');
    stored = withSent(stored, 'a/customer', 'h2');
    expect(sentBy(stored, 'a/customer')).toEqual(['h2', 'h1']);
    expect(sentBy(stored, 'b/customer')).toEqual(['x1']);
    expect(sentBy(withSent(stored, 'a/customer', 'h1'), 'a/customer')).toEqual(['h1', 'h2']);
    expect(sentBy(withSent(stored, 'a/customer', 'h9', true), 'a/customer')).toEqual(['h2', 'h1', 'h9']);
  });

  it('forgets the oldest beyond eight', () => {
    let stored: string | null = null;
    for (let i = 1; i <= 10; i++) stored = withSent(stored, 'w', `h${i}`);
    expect(sentBy(stored, 'w')).toEqual(['h10', 'h9', 'h8', 'h7', 'h6', 'h5', 'h4', 'h3']);
  });
});
