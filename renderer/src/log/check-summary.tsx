// The check inside a delivery's payload as a manager reads a receipt: items and totals as money
// (the POS sends integer cents). Reads the payload defensively: unknown or missing fields are
// skipped, the exact JSON stays one click away.
import { formatMoney } from '../common/money.ts';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const TOTALS = [
  ['subtotal', 'Subtotal'],
  ['discounts', 'Discounts'],
  ['tax', 'Tax'],
  ['tip', 'Tip'],
  ['total', 'Total'],
] as const;

export function checkOf(payloadData: unknown): Json | null {
  return isRecord(payloadData) && isRecord(payloadData.check) ? payloadData.check : null;
}

export function CheckSummary({ check }: { check: Json }) {
  const currency = str(check.currency) ?? undefined;
  const money = (minor: number) => formatMoney(minor, currency);
  const items = (Array.isArray(check.items) ? check.items : []).filter(isRecord);
  const totals = TOTALS.flatMap(([key, label]) => {
    const value = num(check[key]);
    return value === null ? [] : [{ key, label, value }];
  });
  if (items.length === 0 && totals.length === 0) return null;
  return (
    <table className="check-summary" aria-label={`Check ${str(check.checkNumber) ?? ''} as sent`}>
      <tbody>
        {items.map((item, index) => {
          const quantity = num(item.quantity) ?? 1;
          const unit = num(item.unitPrice);
          const modifiers = (Array.isArray(item.modifiers) ? item.modifiers : []).filter(isRecord);
          // A line costs its unit price plus its modifiers', times the quantity (as the POS adds up the subtotal).
          const each = unit === null ? null : unit + modifiers.reduce((sum, modifier) => sum + (num(modifier.price) ?? 0), 0);
          return (
            <tr key={str(item.lineId) ?? index}>
              <th scope="row">
                {quantity} × {str(item.name) ?? str(item.itemId) ?? 'Item'}
                {unit !== null && <span className="unit-price"> at {money(unit)}</span>}
                {modifiers.map((modifier, at) => (
                  <span key={at} className="modifier">
                    {str(modifier.name) ?? 'Modifier'}
                    {num(modifier.price) ? ` (+${money(num(modifier.price) ?? 0)})` : ''}
                  </span>
                ))}
              </th>
              <td className="num">{each === null ? '—' : money(each * quantity)}</td>
            </tr>
          );
        })}
        {totals.map(({ key, label, value }) => (
          <tr key={key} className={key === 'total' ? 'total' : 'subtotal'}>
            <th scope="row">{label}</th>
            <td className="num">{money(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
