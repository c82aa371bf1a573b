/**
 * Loaded into dredd with `--require` by `dredd.test.ts`. Dredd 14 gives Node.js hooks a deep copy of
 * its whole configuration (`hooks.configuration = clone(configuration)`), which by then holds the
 * parsed 9,752-line blueprint; copying that takes about 30 s. Our hooks do not read
 * `hooks.configuration`, so the parsed documents are left out of the copy and put back right after.
 * Nothing else about dredd's behaviour changes.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- dredd loads this file with require */
const addHooks = require('dredd/build/addHooks');

const original = addHooks.default;
addHooks.default = function addHooksWithoutCopyingDocuments(runner, transactions, callback) {
  const documents = runner.configuration.apiDescriptions;
  runner.configuration.apiDescriptions = (documents || []).map(({ location, mediaType }) => ({ location, mediaType }));
  return original(runner, transactions, (error) => {
    runner.configuration.apiDescriptions = documents;
    callback(error);
  });
};
