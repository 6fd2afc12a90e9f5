#!/usr/bin/env node
// The Quote Lens language server: `quote-lens-server --stdio` (or --node-ipc / --socket=<port>).
'use strict';
require('../dist/server.js');
