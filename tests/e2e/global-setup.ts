// Builds the renderer once before the run, so the hub serves the code under test (dist/renderer).
import { build } from 'vite';

export default async function globalSetup(): Promise<void> {
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
