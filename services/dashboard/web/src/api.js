// The dashboard's read API (same origin), every call with the bearer token.

export class SignedOut extends Error {}

async function get(token, path, params = {}, signal = undefined) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v != null));
  const response = await fetch(`api/v1/${path}${query.size ? `?${query}` : ''}`, {
    headers: { Authorization: `Bearer ${token}` }, signal,
  });
  if (response.status === 401) throw new SignedOut();
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || `${path}: ${response.status}`);
  }
  return response;
}

export async function read(token, path, params) {
  return (await get(token, path, params)).json();
}

/** Saves a file the browser way: a download of the bytes under the name given. */
export function save(blob, filename) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** One of the API's CSV exports (…/x.csv), fetched with the token and saved. */
export async function exportCsv(token, path, params, filename) {
  save(await (await get(token, path, params)).blob(), filename);
}

/** A table the API has no CSV of, as CSV (RFC 4180 quoting, BOM for spreadsheet programs). */
export function tableCsv(header, rows, filename) {
  const field = (v) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const text = [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
  save(new Blob(['\ufeff', text], { type: 'text/csv' }), filename);
}

/**
 * The live channel: Server-Sent Events read with fetch, so the token goes in the Authorization header (an
 * EventSource cannot send one, and a token in the URL would land in logs). Calls onChange for every "figures" event;
 * reconnects a second after the stream ends, until stop() is called.
 */
export function live(token, onChange, onError) {
  const controller = new AbortController();
  let stopped = false;
  async function connect() {
    try {
      const response = await get(token, 'live', {}, controller.signal);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const messages = buffer.split(/\r?\n\r?\n/);
        buffer = messages.pop();
        for (const message of messages) {
          if (/^event:\s*figures$/m.test(message)) onChange();
        }
      }
    } catch (error) {
      if (stopped) return;
      if (error instanceof SignedOut) { onError(error); return; }
    }
    if (!stopped) setTimeout(connect, 1000);
  }
  connect();
  return () => { stopped = true; controller.abort(); };
}
