/**
 * Extracts, for the endpoints Sincro uses, the JSON Schemas and examples of the request and response
 * bodies from the official API Blueprint into `../blueprint/schemas.generated.json`. The tests use
 * them to check the client's request bodies (ajv) and the sandbox's answers without parsing the
 * 9,752-line blueprint each run (drafter.js needs ~15 s for it).
 *
 *   npx tsx core/connectors/teamleader/scripts/extract-blueprint-schemas.ts
 *
 * Parser: the API Blueprint parser that ships with dredd (dredd-transactions → @apielements/apib-parser
 * → drafter.js), so the schemas are the ones dredd itself validates with.
 *
 * One adjustment, made on a copy of the text before parsing: drafter writes `array[Type]` as
 * `{"type":"array"}` without `items` unless the array is `fixed-type`, which would leave every line
 * item, address and email unchecked. Adding `fixed-type` to each array declaration makes drafter
 * emit `items` from the documented member types; nothing else changes. The stored md5 is that of the
 * unmodified blueprint; `request-bodies.test.ts` fails when the blueprint changes and this was not rerun.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sincroEndpoints } from '../blueprint/sincro-endpoints';

export const blueprintPath = fileURLToPath(new URL('../blueprint/apiary.apib', import.meta.url));
export const generatedPath = fileURLToPath(new URL('../blueprint/schemas.generated.json', import.meta.url));

export interface EndpointSchemas {
  method: string;
  status: number;
  requestSchema: unknown;
  requestExample: unknown;
  responseSchema: unknown;
  responseExample: unknown;
}

export interface GeneratedBlueprintSchemas {
  source: string;
  md5: string;
  endpoints: Record<string, EndpointSchemas>;
}

/** The parts of API Elements (minim) objects this script touches. */
interface Element {
  toValue(): unknown;
}
interface HttpMessage {
  method?: Element;
  statusCode?: Element;
  messageBody?: Element;
  messageBodySchema?: Element;
}
interface Transition {
  href?: Element;
  transactions: { forEach(cb: (t: { request: HttpMessage; response: HttpMessage }) => void): void };
}
interface ParseResult {
  apiElements: { findRecursive(name: string): { forEach(cb: (t: Transition) => void): void } };
}
interface DreddTransactions {
  parse(source: string, cb: (error: Error | null, result: ParseResult) => void): void;
}

export function addFixedTypeToArrays(apib: string): string {
  return apib.replace(/\((array(?:\[[^\]]*\])?)((?:,[^)]*)?)\)/g, (_m, type: string, rest: string) => `(${type}${rest}, fixed-type)`);
}

export function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

function jsonOrNull(el: Element | undefined): unknown {
  const v = el?.toValue();
  if (typeof v !== 'string' || !v.trim()) return null;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

export async function extractBlueprintSchemas(apib: string): Promise<GeneratedBlueprintSchemas> {
  const require = createRequire(import.meta.url);
  const dt = require('dredd-transactions') as DreddTransactions;
  const result = await new Promise<ParseResult>((resolve, reject) =>
    dt.parse(addFixedTypeToArrays(apib), (error, r) => (error ? reject(error) : resolve(r))),
  );
  const wanted = new Set<string>(sincroEndpoints);
  const endpoints: Record<string, EndpointSchemas> = {};
  result.apiElements.findRecursive('transition').forEach((transition) => {
    const href = String(transition.href?.toValue() ?? '');
    const name = href.replace(/^\//, '');
    if (!wanted.has(name) || endpoints[name]) return;
    transition.transactions.forEach(({ request, response }) => {
      if (endpoints[name]) return;
      endpoints[name] = {
        method: String(request.method?.toValue() ?? 'POST'),
        status: Number(response.statusCode?.toValue() ?? 200),
        requestSchema: jsonOrNull(request.messageBodySchema),
        requestExample: jsonOrNull(request.messageBody),
        responseSchema: jsonOrNull(response.messageBodySchema),
        responseExample: jsonOrNull(response.messageBody),
      };
    });
  });
  const missing = sincroEndpoints.filter((e) => !endpoints[e]);
  if (missing.length) throw new Error(`not found in the blueprint: ${missing.join(', ')}`);
  const ordered = Object.fromEntries(sincroEndpoints.map((e) => [e, endpoints[e] as EndpointSchemas]));
  return { source: 'blueprint/apiary.apib (teamleadercrm/api @ 439b4206, arrays marked fixed-type)', md5: md5(apib), endpoints: ordered };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const apib = readFileSync(blueprintPath, 'utf8');
  const generated = await extractBlueprintSchemas(apib);
  writeFileSync(generatedPath, `${JSON.stringify(generated, null, 1)}\n`);
  console.log(`wrote ${generatedPath}: ${Object.keys(generated.endpoints).length} endpoints`);
}
