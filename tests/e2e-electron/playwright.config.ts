// The desktop app end to end through Playwright's _electron (`npm run test:e2e:electron`). Needs
// Electron's binary; without it every test reports SKIPPED with the reason, never a failure.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list'], ['./skip-reason-reporter.ts']],
  outputDir: '../../test-results/e2e-electron',
  use: { actionTimeout: 15_000, trace: 'retain-on-failure' },
});
