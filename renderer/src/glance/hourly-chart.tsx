// Delivered vs failed attempts per hour for the last 24 h, as plain SVG bars (no chart library).
// "Failed" counts attempts, retried ones included, so an outage shows in the hour it happened.
import type { HourlyCount } from '../../../shared/api.ts';

const WIDTH = 480;
const HEIGHT = 96;
const AXIS = 16;

export function HourlyChart({ hourly }: { hourly: HourlyCount[] }) {
  const hours = hourly.slice(-24);
  const delivered = hours.reduce((sum, hour) => sum + hour.delivered, 0);
  const failed = hours.reduce((sum, hour) => sum + hour.failed, 0);
  const peak = Math.max(1, ...hours.map((hour) => hour.delivered + hour.failed));
  const slot = WIDTH / Math.max(24, hours.length);
  const scale = (HEIGHT - AXIS) / peak;
  return (
    <figure className="chart">
      <figcaption>
        Last 24 h: <span className="legend delivered">{delivered} delivered</span> · <span className="legend failed">{failed} failed attempts</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Deliveries per hour over the last 24 hours: ${delivered} delivered, ${failed} failed attempts`} preserveAspectRatio="none">
        <line x1="0" x2={WIDTH} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} className="axis" />
        {hours.map((hour, index) => {
          const x = index * slot + 1;
          const okHeight = hour.delivered * scale;
          const badHeight = hour.failed * scale;
          const label = new Date(hour.hour).getHours();
          return (
            <g key={hour.hour}>
              <title>{`${String(label).padStart(2, '0')}:00 — ${hour.delivered} delivered, ${hour.failed} failed attempts`}</title>
              <rect x={x} width={slot - 2} y={HEIGHT - AXIS - okHeight} height={okHeight} className="bar-delivered" />
              <rect x={x} width={slot - 2} y={HEIGHT - AXIS - okHeight - badHeight} height={badHeight} className="bar-failed" />
              {index % 6 === 0 && (
                <text x={x} y={HEIGHT - 3} className="tick">
                  {String(label).padStart(2, '0')}:00
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
