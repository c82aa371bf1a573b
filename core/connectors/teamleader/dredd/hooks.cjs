/**
 * Dredd hooks for checking the Teamleader sandbox against the official API Blueprint
 * (run by `dredd.test.ts`). CommonJS because dredd loads hook files with `require`.
 *
 * - Every endpoint Sincro does not use is skipped; the list comes from the generated schema file.
 * - A valid bearer token (from the test, via TEAMLEADER_DREDD_CONTEXT) is added to each request.
 * - The blueprint's example request bodies get the ids of the fixture seed, and three rendering
 *   artifacts of the blueprint are repaired (see example-bodies.cjs).
 * - The expected response schemas are tightened: every documented property must be present (drafter
 *   marks none required), except the ones the blueprint documents as conditional.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- dredd injects the `hooks` module through require */
const hooks = require('hooks');
const generated = require('../blueprint/schemas.generated.json');
const { rewriteExample } = require('./example-bodies.cjs');

const used = new Set(Object.keys(generated.endpoints));
const context = JSON.parse(process.env.TEAMLEADER_DREDD_CONTEXT || '{}');
const ids = context.ids || {};

/**
 * Response properties the blueprint marks optional or conditional: PaymentTerm.days, an address's
 * addressee, products' stock ("only when stock management is enabled"), products.info's
 * purchase_price ("only returned if you have access"), suppliers and configuration, and the
 * quotations' expiry ("only with includes=expiry", in quotations.info and quotations.list). `*.x` means x anywhere.
 */
const conditional = new Set(['*.days', '*.addressee', '*.stock', 'data.purchase_price', 'data.suppliers', 'data.configuration', '*.expiry']);
const isConditional = (path) => conditional.has(path) || conditional.has(`*.${path.slice(path.lastIndexOf('.') + 1)}`);

function requireDocumented(schema, path) {
  if (!schema || typeof schema !== 'object') return;
  if (schema.properties) {
    const keys = Object.keys(schema.properties).filter((k) => !isConditional(path ? `${path}.${k}` : k));
    schema.required = [...new Set([...(schema.required || []), ...keys])];
    for (const [k, sub] of Object.entries(schema.properties)) requireDocumented(sub, path ? `${path}.${k}` : k);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) (schema[key] || []).forEach((sub) => requireDocumented(sub, path));
  if (schema.items) [].concat(schema.items).forEach((sub) => requireDocumented(sub, `${path}[]`));
}

hooks.beforeEach((transaction, done) => {
  const endpoint = transaction.request.uri.replace(/^\//, '');
  if (!used.has(endpoint)) {
    transaction.skip = true;
    return done();
  }
  transaction.request.headers.Authorization = `Bearer ${context.token}`;
  if (transaction.request.body) {
    transaction.request.body = JSON.stringify(rewriteExample(JSON.parse(transaction.request.body), endpoint, ids));
  }
  if (transaction.expected.bodySchema) {
    const schema = typeof transaction.expected.bodySchema === 'string' ? JSON.parse(transaction.expected.bodySchema) : transaction.expected.bodySchema;
    requireDocumented(schema, '');
    transaction.expected.bodySchema = schema;
  }
  done();
});
