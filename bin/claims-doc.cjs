#!/usr/bin/env node
// Writes bounds/CLAIMS.md from the claim registry (`npm run claims-doc`): registers the TypeScript
// loader, renders bounds/claims-document.ts, and replaces the file atomically (temp file + rename).
require('tsx/cjs/api').register();
const { renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { CLAIMS_DOCUMENT_PATH, claimsDocument } = require('../bounds/claims-document.ts');

const target = join(__dirname, '..', CLAIMS_DOCUMENT_PATH);
const temp = `${target}.${process.pid}.tmp`;
writeFileSync(temp, claimsDocument());
renameSync(temp, target);
console.log(`wrote ${CLAIMS_DOCUMENT_PATH}`);
