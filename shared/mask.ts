// How secrets look wherever a person or a log could see them: never in full.

export const MASK = '••••••••';

/** `••••••••` for short secrets; `••••••••wxyz` (last 4) for long ones, enough to tell two apart. */
export function maskSecret(secret: string | null | undefined): string {
  if (!secret) return '';
  return secret.length >= 16 ? MASK + secret.slice(-4) : MASK;
}
