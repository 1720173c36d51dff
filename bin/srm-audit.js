#!/usr/bin/env node
// The pinned SDK supports Node 20; its notice that future releases will need Node 22 is for
// whoever upgrades the SDK (see README), not for every run. Set before any SDK module loads.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// dist/bundle/ is the CLI as bundled by scripts/bundle.mjs (npm run build): a smaller process than
// dist/src/cli.js, which runs the same code from tsc's output.
const { runFromProcess } = await import('../dist/bundle/srm-audit.js');

await runFromProcess();
