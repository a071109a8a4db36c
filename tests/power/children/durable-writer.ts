// Writes version after version of one small JSON file with writeFileDurably and prints
// `saved N` after each returns; runs until killed (by a power cut, in the test).
//   node --import tsx durable-writer.ts <file>
import { writeFileDurably } from '../../../electron/hub/durable-file.ts';

const file = process.argv[2]!;
for (let version = 1; ; version++) {
  // Sizes vary so a torn write would show as bad JSON or a wrong length.
  writeFileDurably(file, JSON.stringify({ version, apiKey: `partner-key-${version}`, pad: 'x'.repeat((version * 997) % 9000) }));
  process.stdout.write(`saved ${version}\n`);
}
