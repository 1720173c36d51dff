#!/usr/bin/env node
// The pinned SDK supports Node 20; its notice that future releases will need Node 22 is for
// whoever upgrades the SDK (see README), not for every run. Set before any SDK module loads.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { runFromProcess } = await import('../dist/src/cli.js');

await runFromProcess();
