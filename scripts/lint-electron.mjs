// `npm run lint:electron`: Electronegativity (Electron security checks) over electron/, failing on
// any finding not listed, with its reason (and the files it is allowed in), in
// scripts/electronegativity-allowlist.json.
// `--json` prints the verdict for tests/electron/electronegativity.test.ts; `--input DIR` scans
// another folder (the test's negative control).
//
// Two fixes around the installed tool, done here instead of in node_modules: its TypeScript
// parser must load the TypeScript it was written for (the one nested under electronegativity, not
// the project's compiler), and its start-up fetch of translations is skipped (offline, and the
// bundled English text is what we want).
import Module, { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const toolDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
const nestedTypescript = path.join(toolDir, 'node_modules', 'typescript', 'lib', 'typescript.js');
const allowlist = JSON.parse(readFileSync(path.join(root, 'scripts', 'electronegativity-allowlist.json'), 'utf8'));

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, ...rest) {
  const from = parent?.filename ?? '';
  if (request === 'typescript' && /[\\/](@typescript-eslint|tsutils)[\\/]/.test(from)) return nestedTypescript;
  return originalResolve.call(this, request, parent, ...rest);
};
const originalLoad = Module._load;
Module._load = function load(request, parent, ...rest) {
  if (request === 'got' && (parent?.filename ?? '').includes(`${path.sep}locales${path.sep}i18n.js`)) {
    return () => Promise.reject(new Error('offline'));
  }
  return originalLoad.call(this, request, parent, ...rest);
};

const inputFlag = process.argv.indexOf('--input');
const input = inputFlag > 0 ? path.resolve(process.argv[inputFlag + 1]) : path.join(root, 'electron');

const silence = console.log;
console.log = () => {}; // the tool's "could not retrieve translations" note
const run = require(path.join(toolDir, 'dist', 'runner.js')).default ?? require(path.join(toolDir, 'dist', 'runner.js'));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
let result;
try {
  result = await run({
    input,
    isRelative: true,
    customScan: [],
    excludeFromScan: [],
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
} finally {
  console.log = silence;
}

const findings = result.issues.map((issue) => ({
  id: issue.id,
  file: issue.file,
  line: issue.location?.line ?? 0,
  severity: issue.severity?.name ?? String(issue.severity),
  description: issue.description,
  manualReview: issue.manualReview === true,
  allowed: Object.hasOwn(allowlist, issue.id) && (!allowlist[issue.id].files || allowlist[issue.id].files.includes(issue.file)),
}));
const parseErrors = result.errors.filter((error) => !error.tolerable).map((error) => ({ file: path.relative(root, error.file), message: error.message }));
const unexpected = findings.filter((finding) => !finding.allowed);
const verdict = { checks: result.globalChecks + result.atomicChecks, findings, unexpected, parseErrors };

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(verdict, null, 2));
} else {
  for (const f of findings) console.log(`${f.allowed ? 'allowed ' : 'FINDING '} ${f.id} ${f.file}:${f.line} ${f.allowed ? `— ${allowlist[f.id].reason}` : `— ${f.description}`}`);
  for (const e of parseErrors) console.log(`PARSE ERROR ${e.file}: ${e.message}`);
  console.log(`Electronegativity: ${verdict.checks} checks, ${findings.length} findings, ${unexpected.length} not allowed, ${parseErrors.length} parse errors.`);
}
process.exitCode = unexpected.length > 0 || parseErrors.length > 0 ? 1 : 0;
