// The path of a request target, percent-decoded once. A malformed escape (`/%`, `/assets/%E0%A4%A`)
// is the client's mistake: a 400, answered before authentication and without an error in the log.
import { HttpProblem } from './request-body.ts';

export function decodedPath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    throw new HttpProblem(400, 'bad_request', 'The address has malformed percent-encoding (a % not followed by two hex digits of valid UTF-8)');
  }
}
