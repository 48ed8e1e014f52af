import pino, { type Logger } from 'pino';

// Anything that could carry a secret is censored before it reaches a log line.
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'password',
  'token',
  '*.password',
  '*.token',
  '*.password_hash',
  '*.token_hash',
  'databaseUrl',
  '*.databaseUrl',
];

/** The process logger. Precondition: level is a pino level name. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
