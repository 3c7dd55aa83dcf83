#!/usr/bin/env node
// Entry point of the `tvem` CLI: registers the TypeScript loader, then runs reports/cli/program.ts.
require('tsx/cjs/api').register();
require('../reports/cli/program.ts').main(process.argv);
