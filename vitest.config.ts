import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Temporary folders go under one folder per run, removed at its end.
    globalSetup: ['./tests/helpers/temp-root.ts'],
    reporters: ['default', './tests/helpers/plain-summary-reporter.ts'],
    // The browser and CLI tests start processes; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
