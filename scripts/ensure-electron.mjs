// First step of `npm start`: makes sure Electron's binary is present, and that Chromium's sandbox
// can start with it. npm never runs Electron's download script at install (package.json
// allowScripts), so the first start runs it; when the download is impossible the hub still runs
// headless. On Linux a blocked sandbox (Ubuntu 23.10+ AppArmor) is said in one line here, before
// Electron would abort; HUB_ALLOW_NO_SANDBOX=1 skips the check (then pass --no-sandbox yourself).
// Run with `--import tsx`: the check is electron/desktop/linux-sandbox.ts, shared with the app.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const { version } = JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8'));

/** The binary electron/index.js would hand out, when it exists. */
function installedElectron() {
  try {
    const relative = readFileSync(path.join(electronDir, 'path.txt'), 'utf8');
    const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH
      ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative)
      : path.join(electronDir, 'dist', relative);
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** First line that says what went wrong, without the stack. */
function reason(output) {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('at '));
  const line = lines.find((l) => /error|fail|ENOTFOUND|ECONN|EAI_AGAIN|ETIMEDOUT|status/i.test(l)) ?? lines[0] ?? 'no output';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

async function sandboxCheck(binary) {
  if (process.env.HUB_ALLOW_NO_SANDBOX === '1') return 0;
  const { sandboxProblem } = await import('../electron/desktop/linux-sandbox.ts');
  const problem = sandboxProblem({ electronBinary: binary });
  if (!problem) return 0;
  console.error(`Order Webhook Hub: ${problem}`);
  return 1;
}

function download() {
  if (installedElectron()) return 0;
  console.log(`Downloading Electron ${version} (first start only)…`);
  const run = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { encoding: 'utf8', timeout: 15 * 60_000 });
  if (run.status === 0 && installedElectron()) return 0;
  const why = reason(`${run.error?.message ?? ''}\n${run.stderr ?? ''}\n${run.stdout ?? ''}`);
  console.error(`Electron could not be downloaded (${why}); run the hub headless with \`npm run serve\` and open the admin URL in a browser.`);
  return 1;
}

process.exitCode = download() || (await sandboxCheck(installedElectron()));
