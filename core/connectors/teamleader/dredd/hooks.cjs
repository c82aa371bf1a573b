/**
 * Dredd hooks for checking the Teamleader sandbox against the official API Blueprint
 * (run by `dredd.test.ts`). CommonJS because dredd loads hook files with `require`.
 *
 * - Every endpoint Sincro does not use is skipped; the list comes from the generated schema file.
 * - Every transaction of an endpoint Sincro uses runs twice: against the sandbox seeded with every
 *   field filled in, and, as a copy named "… [required fields only]", against a second sandbox whose
 *   records have only their required fields (fixture-seed.ts). The second run is what catches a
 *   property the blueprint types non-nullable coming back as `null`.
 * - A valid bearer token of the sandbox it goes to is added to each request.
 * - The blueprint's example request bodies get the ids of the fixture seed, and three rendering
 *   artifacts of the blueprint are repaired (see example-bodies.cjs).
 * - The expected response schemas are replaced by the ones the test wrote (`schemasFile`, built by
 *   `expectedResponseSchema` in blueprint/schema-tools.ts from the same blueprint): every documented
 *   property required except those the blueprint marks optional or conditional, array items checked
 *   (dredd's own schemas leave every array unchecked, so a list's records would never be looked at),
 *   and a list's `data` must not be empty, so no list passes for lack of records.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- dredd injects the `hooks` module through require */
const hooks = require('hooks');
const { readFileSync } = require('node:fs');
const generated = require('../blueprint/schemas.generated.json');
const { rewriteExample } = require('./example-bodies.cjs');

const used = new Set(Object.keys(generated.endpoints));
const context = JSON.parse(process.env.TEAMLEADER_DREDD_CONTEXT || '{}');
const ids = context.ids || {};
/** `{ filled: { [endpoint]: schema }, requiredOnly: { … } }` */
const schemas = JSON.parse(readFileSync(context.schemasFile, 'utf8'));

const REQUIRED_ONLY = ' [required fields only]';
const endpointOf = (transaction) => transaction.request.uri.replace(/^\//, '');

hooks.beforeAll((transactions, done) => {
  // Dredd runs `transactions` after this hook, counting them only then, so copies added here run too.
  for (const transaction of [...transactions]) {
    if (!used.has(endpointOf(transaction))) continue;
    const copy = JSON.parse(JSON.stringify(transaction));
    copy.name += REQUIRED_ONLY;
    copy.id += REQUIRED_ONLY;
    copy.port = String(context.requiredOnly.port);
    transactions.push(copy);
  }
  done();
});

hooks.beforeEach((transaction, done) => {
  const endpoint = endpointOf(transaction);
  if (!used.has(endpoint)) {
    transaction.skip = true;
    return done();
  }
  const fixture = transaction.name.endsWith(REQUIRED_ONLY) ? 'requiredOnly' : 'filled';
  transaction.request.headers.Authorization = `Bearer ${context[fixture].token}`;
  if (transaction.request.body) {
    const body = rewriteExample(JSON.parse(transaction.request.body), endpoint, ids, { onlyIds: fixture === 'requiredOnly' });
    transaction.request.body = JSON.stringify(body);
  }
  if (transaction.expected.bodySchema) {
    const schema = schemas[fixture][endpoint];
    // Thrown, not passed to done(): dredd ignores an error given to a hook's callback.
    if (!schema) throw new Error(`no expected response schema for ${endpoint} in ${context.schemasFile}`);
    transaction.expected.bodySchema = schema;
  }
  done();
});
