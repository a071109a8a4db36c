// Delivered vs failed attempts per hour for the last 24 h, as plain SVG bars (no chart library).
// "Failed" counts attempts, retried ones included, so an outage shows in the hour it happened.
// The bars stretch to the panel's width; the hour labels are HTML below them, so they keep their
// size and shape whatever the width (text inside a stretched SVG is squashed).
import type { HourlyCount } from '../../../shared/api.ts';

const WIDTH = 480;
const HEIGHT = 80;

function hourLabel(iso: string): string {
  return `${String(new Date(iso).getHours()).padStart(2, '0')}:00`;
}

export function HourlyChart({ hourly }: { hourly: HourlyCount[] }) {
  const hours = hourly.slice(-24);
  const delivered = hours.reduce((sum, hour) => sum + hour.delivered, 0);
  const failed = hours.reduce((sum, hour) => sum + hour.failed, 0);
  const peak = Math.max(1, ...hours.map((hour) => hour.delivered + hour.failed));
  const slot = WIDTH / Math.max(24, hours.length);
  const scale = (HEIGHT - 1) / peak;
  return (
    <figure className="chart">
      <figcaption>
        Last 24 h: <span className="legend delivered">{delivered} delivered</span> · <span className="legend failed">{failed} failed attempts</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Deliveries per hour over the last 24 hours: ${delivered} delivered, ${failed} failed attempts`} preserveAspectRatio="none">
        <line x1="0" x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="axis" />
        {hours.map((hour, index) => {
          const x = index * slot + 1;
          const okHeight = hour.delivered * scale;
          const badHeight = hour.failed * scale;
          return (
            <g key={hour.hour}>
              <title>{`${hourLabel(hour.hour)} — ${hour.delivered} delivered, ${hour.failed} failed attempts`}</title>
              <rect x={x} width={slot - 2} y={HEIGHT - 1 - okHeight} height={okHeight} className="bar-delivered" />
              <rect x={x} width={slot - 2} y={HEIGHT - 1 - okHeight - badHeight} height={badHeight} className="bar-failed" />
            </g>
          );
        })}
      </svg>
      <div className="chart-ticks" aria-hidden="true">
        {/* Every 6th hour of 24: four equal columns put each label under its bar, no inline styles. */}
        {hours.filter((_, index) => index % 6 === 0).map((hour) => <span key={hour.hour}>{hourLabel(hour.hour)}</span>)}
      </div>
    </figure>
  );
}
