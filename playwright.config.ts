// End-to-end tests in a real browser against a real headless hub (tests/support/hub-process.ts).
// The browser is found by tests/support/find-browser.ts (CHROMIUM_PATH, a system Chrome/Chromium,
// Playwright's own if downloaded, else the one packaged in @sparticuz/chromium); none is downloaded.
import { defineConfig } from '@playwright/test';
import { BrowserNotFoundError, findBrowser, type FoundBrowser } from './tests/support/find-browser.ts';

async function browserOrExit(): Promise<FoundBrowser> {
  try {
    return await findBrowser();
  } catch (error) {
    if (!(error instanceof BrowserNotFoundError)) throw error;
    // One line, not a config-loading stack trace: the message says what to install.
    console.error(error.message);
    process.exit(1);
  }
}

const browser = await browserOrExit();
if (!process.env.TEST_WORKER_INDEX) console.log(`Browser: ${browser.executablePath} (${browser.source})`);

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1280, height: 800 },
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: browser.executablePath, args: browser.args },
  },
});
