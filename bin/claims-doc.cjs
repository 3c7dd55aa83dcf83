#!/usr/bin/env node
// `npm run claims-doc` writes the generated documents: bounds/CLAIMS.md from the claim registry,
// and the README's claims-to-tests table from the property files' titles. Registers the TypeScript
// loader and replaces each file atomically (temp file + rename).
require('tsx/cjs/api').register();
const { execFileSync } = require('node:child_process');
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { CLAIMS_DOCUMENT_PATH, claimsDocument } = require('../bounds/claims-document.ts');
const { claimsToTests, claimsToTestsTable, readTestTitles, withClaimsToTestsTable } = require('../properties/claims-to-tests.ts');

const root = join(__dirname, '..');

function writeAtomically(relativePath, content) {
  const target = join(root, relativePath);
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, target);
  console.log(`wrote ${relativePath}`);
}

writeAtomically(CLAIMS_DOCUMENT_PATH, claimsDocument());
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const table = claimsToTestsTable(claimsToTests(readTestTitles(join(root, 'properties'))));
writeAtomically('README.md', withClaimsToTestsTable(readme, table));
// Biome formats Markdown tables (padded columns), as `npm run lint` expects.
execFileSync(join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', 'README.md'], { cwd: root, stdio: 'ignore' });
