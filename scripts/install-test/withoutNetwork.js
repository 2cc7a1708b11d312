// Preloaded (node --require) into @backstage/create-app: its only network call of its own is
// fetching the yarn.lock seed from GitHub, and the install test sends no traffic off this machine.
// The seed is given from this repository instead (install-test.sh). npm's own registry access,
// which fetches create-app itself, does not go through this global fetch.
'use strict';
globalThis.fetch = async url => {
  throw new Error(
    `the install test lets create-app reach no network (it asked for ${url})`,
  );
};
