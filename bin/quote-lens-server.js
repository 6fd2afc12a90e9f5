#!/usr/bin/env node
// The Quote Lens language server: `quote-lens-server --stdio` (or --node-ipc / --socket=<port>; --help).
'use strict';
const path = require('node:path');
const server = path.join(__dirname, '..', 'dist', 'server.js');
try {
  require.resolve(server);
} catch {
  process.stderr.write(`quote-lens-server: ${server} is missing; run \`npm run build\` in ${path.dirname(__dirname)} first.\n`);
  process.exit(1);
}
require(server);
