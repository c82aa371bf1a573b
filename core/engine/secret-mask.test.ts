import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capLineage, LINEAGE_CAP_BYTES } from '../store/lineage-cap';
import { MASK, SecretMask } from './secret-mask';

const SEED = 20261129;

/** Every string and key of a parsed JSON value. */
function texts(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) texts(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      texts(x, out);
    }
  }
  return out;
}

describe('the secret mask of a run', () => {
  it('masks a connection’s secrets as they are, JSON-escaped, URL-encoded and as basic auth', () => {
    const mask = new SecretMask();
    mask.addConnection({ config: { baseUrl: 'https://api.example.com' }, secrets: { username: 'shop', password: 'pa/ss"word', token: 'tok' } });
    expect(mask.mask('Authorization: Basic ' + Buffer.from('shop:pa/ss"word').toString('base64'))).toBe(`Authorization: Basic ${MASK}`);
    expect(mask.mask('?password=pa%2Fss%22word&x=1')).toBe(`?password=${MASK}&x=1`);
    expect(mask.mask('{"p":"pa/ss\\"word"}')).toBe(`{"p":"${MASK}"}`);
    // Too short to mask without masking ordinary words; the user name is a secret field here.
    expect(mask.mask('tok shop')).toBe(`tok ${MASK}`);
    expect(mask.mask('nothing to hide')).toBe('nothing to hide');
  });

  it('masks a secret echoed the ways servers escape it: PHP (\\/ and \\u00e9), Python, Java, a form, HTML', () => {
    const mask = new SecretMask();
    const token = 'tok/AB+cd=é"x\\y z';
    mask.addConnection({ config: {}, secrets: { token, apiKey: 'k3y-Secret/42' } });
    const echoes = [
      // PHP json_encode: "/" as "\/", non-ASCII as \u00e9
      '{"auth":"Bearer tok\\/AB+cd=\\u00e9\\"x\\\\y z","key":"k3y-Secret\\/42"}',
      // Python json.dumps (ensure_ascii) and Java (upper-case hex)
      '{"auth": "Bearer tok/AB+cd=\\u00e9\\"x\\\\y z"} {"auth":"tok/AB+cd=\\u00E9\\"x\\\\y z"}',
      // a form body, URL-encoding in lower case, HTML
      `token=${encodeURIComponent(token).replace(/%20/g, '+')}&k=${encodeURIComponent('k3y-Secret/42').toLowerCase()}`,
      '<p>token: tok/AB+cd=é&quot;x\\y z</p>',
    ];
    for (const echo of echoes) {
      const masked = mask.mask(echo);
      expect(masked, echo).toContain(MASK);
      expect(masked).not.toMatch(/AB\+cd|AB%2Bcd|AB%2bcd|Secret/);
    }
  });

  it('masks a secret that contains another as a whole, and renewed secrets from then on', () => {
    const mask = new SecretMask();
    const conn = { config: {}, secrets: { accessToken: 'abcd', refreshToken: 'abcdefgh' } };
    mask.addConnection(conn);
    expect(mask.mask('x abcdefgh y abcd')).toBe(`x ${MASK} y ${MASK}`);
    expect(mask.mask('Bearer new-token-1')).toBe('Bearer new-token-1');
    mask.addConnection(conn, { accessToken: 'new-token-1' });
    expect(mask.mask('Bearer new-token-1')).toBe(`Bearer ${MASK}`);
  });

  it('stored lineage is valid JSON without the secret in any string or key, also when capped (fixed seed)', () => {
    const secretArb = fc.string({ minLength: 4, maxLength: 24, unit: 'grapheme' });
    const value = (secret: string) =>
      fc.letrec((tie) => ({
        leaf: fc.oneof(fc.string({ maxLength: 40 }), fc.constant(secret), fc.string({ maxLength: 20 }).map((s) => `${s}${secret}${s}`), fc.integer(), fc.constant(null)),
        node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constant(secret)), tie('node'), { maxKeys: 4 })),
      })).node;
    fc.assert(
      fc.property(
        secretArb.chain((secret) => fc.tuple(fc.constant(secret), value(secret), fc.integer({ min: 0, max: 3000 }))),
        ([secret, data, padding]) => {
          const mask = new SecretMask();
          mask.addConnection({ config: {}, secrets: { token: secret } });
          const trail = [{ node: 'src', data }, { node: 'send', answer: { echo: `${'x'.repeat(padding * 8)}${secret}`, data } }];
          const stored = capLineage(trail, mask.mask);
          expect(stored.length).toBeLessThanOrEqual(Math.max(LINEAGE_CAP_BYTES, JSON.stringify(trail).length));
          for (const t of texts(JSON.parse(stored))) expect(t.includes(secret), `"${secret}" in "${t}"`).toBe(false);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});
