import '@testing-library/jest-dom';

// Rendering Backstage pages and MUI menus in jsdom takes seconds per test on a loaded 2-core
// machine, past jest's 5 s default; this is the harness's limit, not a claim about the product.
// (jest.testTimeout in package.json is a global option that `repo test` ignores per project.)
jest.setTimeout(60_000);
