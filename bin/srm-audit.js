#!/usr/bin/env node
// The pinned SDK supports Node 20; its notice that future releases will need Node 22 is for
// whoever upgrades the SDK (see README), not for every run. Set before any SDK module loads.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// dist/bundle/ is the CLI as bundled by scripts/bundle.mjs (npm run build): a smaller process than
// dist/src/cli.js, which runs the same code from tsc's output.
let cli;
try {
  cli = await import('../dist/bundle/srm-audit.js');
} catch (error) {
  // A checkout not built (or built before the bundle): say what to do, as for any run that cannot start.
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !/[\\/]dist[\\/]bundle[\\/]/.test(String(error.message))) throw error;
  process.stderr.write('srm-audit: the CLI is not built (dist/bundle/ is missing or incomplete): run `npm run build`\n');
  process.exit(2);
}

await cli.runFromProcess();
