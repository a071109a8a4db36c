// Copies a (possibly secret, fetched on demand) text; falls back to execCommand where the
// Clipboard API is missing or refused (plain-http pages, some kiosks).
import { useState } from 'react';
import { errorText } from './format.ts';

async function writeClipboard(text: string): Promise<void> {
  try {
    if (navigator.clipboard) return await navigator.clipboard.writeText(text);
  } catch {
    // refused: try the old way below
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand?.('copy') ?? false;
  area.remove();
  if (!ok) throw new Error('Copy is blocked here; select the text and copy it by hand');
}

export function CopyButton({ getText, label = 'Copy' }: { getText: () => Promise<string> | string; label?: string }) {
  const [note, setNote] = useState('');
  const copy = async () => {
    try {
      await writeClipboard(await getText());
      setNote('Copied');
    } catch (error) {
      setNote(errorText(error));
    }
  };
  return (
    <span className="copy">
      <button type="button" onClick={() => void copy()}>
        {label}
      </button>
      <span className="copy-note" role="status">
        {note}
      </span>
    </span>
  );
}
