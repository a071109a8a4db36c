// JSON log lines (pino). Secrets are never passed to the logger; redaction is the second line of
// defence for fields that could carry one.
import pino, { type Logger } from 'pino';

export const REDACT_PATHS = [
  'value', '*.value', 'token', '*.token', 'secret', '*.secret', 'signingSecret', '*.signingSecret',
  'headers.authorization', '*.headers.authorization', 'requestHeader.value', 'posToken', 'adminToken',
];

export function createLogger(level = 'info', destination: NodeJS.WritableStream = process.stdout): Logger {
  return pino({ level, base: { app: 'order-webhook-hub' }, redact: { paths: REDACT_PATHS, censor: '[masked]' } }, destination as pino.DestinationStream);
}
