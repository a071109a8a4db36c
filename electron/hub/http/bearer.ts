// Constant-time token checks for `Authorization: Bearer …`.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

// The expected token changes only when it is regenerated: its digest is kept, not made per request.
let lastExpected = '';
let lastDigest = digest('');

export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (!given || !expected) return false;
  if (expected !== lastExpected) {
    lastExpected = expected;
    lastDigest = digest(expected);
  }
  return timingSafeEqual(digest(given), lastDigest);
}

export function bearerOf(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
