// Money as the POS sends it (integer minor units, e.g. cents) shown as money: 1295 USD → "$12.95".

const formats = new Map<string, Intl.NumberFormat>();

function formatFor(currency: string): Intl.NumberFormat | null {
  let format = formats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    } catch {
      return null; // not an ISO 4217 code
    }
    formats.set(currency, format);
  }
  return format;
}

/** `minor` in the currency's smallest unit; without a known currency, two decimals and the code. */
export function formatMoney(minor: number, currency: string | undefined): string {
  const format = currency ? formatFor(currency.toUpperCase()) : null;
  if (!format) return `${(minor / 100).toFixed(2)}${currency ? ` ${currency}` : ''}`;
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}
