// Every attempt of one delivery: when, where, what came back, and the headers as sent (masked by the hub).
import type { Attempt } from '../../../shared/delivery.ts';
import { formatLatency, formatTime } from '../common/format.ts';

/** What each attempt's outcome meant, in words. */
const OUTCOME: Record<Attempt['outcome'], string> = { delivered: 'delivered', retry: 'will be tried again', failed: 'refused, not tried again' };

export function AttemptList({ attempts }: { attempts: Attempt[] }) {
  if (attempts.length === 0) return <p className="help">No attempt yet.</p>;
  return (
    <ol className="attempts">
      {attempts.map((attempt) => (
        <li key={attempt.id} className={`attempt outcome-${attempt.outcome}`}>
          <p className="attempt-head">
            <strong>Attempt {attempt.number}</strong> · {formatTime(attempt.startedAt)} · {attempt.status === null ? 'no answer' : `HTTP ${attempt.status}`} · {formatLatency(attempt.latencyMs)} · {OUTCOME[attempt.outcome]}
          </p>
          <p className="attempt-url">{attempt.url}</p>
          {attempt.error && <p className="field-error">{attempt.error}</p>}
          {attempt.responseBody && (
            <details>
              <summary>Response</summary>
              <pre className="response-body" tabIndex={0} aria-label={`Response to attempt ${attempt.number}`}>{attempt.responseBody}</pre>
            </details>
          )}
          <details>
            <summary>Request headers</summary>
            <dl className="headers">
              {Object.entries(attempt.requestHeaders).map(([name, value]) => (
                <div key={name}>
                  <dt>{name}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </details>
        </li>
      ))}
    </ol>
  );
}
