/**
 * The small shop the accounting tests are written with: a few customers and products named once,
 * and `startShop`, which loads a shop into both sandboxes for one test and closes them after it.
 */
import { afterEach } from 'vitest';
import { shopSeeds, type ShopSpec } from './shop-seeds';
import { templateEnv, type TemplateEnv } from './template-env';

export const anna = { key: 'anna', kind: 'person' as const, name: 'Anna de Vries', email: 'anna@example.com', country: 'NL', inMplus: true, inTeamleader: true };
export const bakery = { key: 'bakery', kind: 'company' as const, name: 'Bakkerij Jansen', email: 'info@jansen.example.com', country: 'BE', contacts: [{ name: 'Piet Jansen', email: 'piet@jansen.example.com' }], inMplus: true, inTeamleader: true };
export const coffee = { key: 'coffee', code: '101', name: 'Koffie', priceExclCents: 1649, vat: 21 as const, inMplus: true, inTeamleader: true };
export const tea = { key: 'tea', code: '102', name: 'Thee', priceExclCents: 350, vat: 9 as const, inMplus: true, inTeamleader: true };

/**
 * Call once in a test file: the returned `start` loads a shop for the test that calls it (closing
 * the one it loaded before, when a test starts several).
 */
export function startShop(): (spec: ShopSpec) => Promise<TemplateEnv> {
  let env: TemplateEnv | undefined;
  const close = async () => {
    await env?.close();
    env = undefined;
  };
  afterEach(close);
  return async (spec) => {
    await close();
    return (env = await templateEnv(shopSeeds(spec)));
  };
}
