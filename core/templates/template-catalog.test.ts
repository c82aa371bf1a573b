import { describe, expect, it } from 'vitest';
import { createTemplateCatalog } from './index';

describe('template settings', () => {
  it('refuses names every object inherits (constructor, toString, __proto__) as it refuses a typo', () => {
    const catalog = createTemplateCatalog();
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
      expect(() => catalog.settings('orders-teamleader-to-mplus', JSON.parse(`{"${name}": 1}`) as Record<string, unknown>), name).toThrow(`has no setting "${name}"`);
    }
    expect(catalog.settings('orders-teamleader-to-mplus', {})).toMatchObject({ employeeNumber: expect.anything() });
  });
});
