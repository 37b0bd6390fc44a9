// The console's only way to the exchange: the public HTTP API, with the signed-in user's bearer token.

const sessionKey = 'rx.console.session';

/** The signed-in user ({ token, subject, role, participantId }) or null; kept for the life of the browser tab. */
export function session() {
  const raw = sessionStorage.getItem(sessionKey);
  return raw ? JSON.parse(raw) : null;
}

export function signIn(value) {
  sessionStorage.setItem(sessionKey, JSON.stringify(value));
}
export function signOut() {
  sessionStorage.removeItem(sessionKey);
}

/** A refusal of the API: its RFC 7807 problem details (status, title, detail, reason) as the API sent them. */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.reason = problem.reason || problem.code || null;
  }
}

function headers(extra) {
  const h = { Accept: 'application/json', ...extra };
  const s = session();
  if (s) h.Authorization = `Bearer ${s.token}`;
  return h;
}

async function answer(response) {
  const type = response.headers.get('content-type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) throw new ApiProblem(response.status, typeof body === 'object' ? body : { title: body });
  return body;
}

/** GET path (with query already in it); throws ApiProblem on a refusal. */
export async function get(path) {
  return answer(await fetch(path, { headers: headers() }));
}

/** POST (or another method) with a JSON body; throws ApiProblem on a refusal. */
export function send(method, path, body) {
  return sendJson(method, path, body === undefined ? undefined : JSON.stringify(body));
}

/** As send, with the body's JSON text as given (numbers exactly as typed). */
export async function sendJson(method, path, json) {
  const init = { method, headers: headers({ 'Content-Type': 'application/json' }) };
  if (json !== undefined) init.body = json;
  return answer(await fetch(path, init));
}

/** Fetches path as a file (CSV, JSON Lines) and hands it to the browser to save under name. */
export async function download(path, name) {
  const response = await fetch(path, { headers: headers({ Accept: '*/*' }) });
  if (!response.ok) await answer(response);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * Reads the public feed (GET /api/feed, server-sent events) with the user's token, so a trader also gets the private
 * entries about its own orders (EventSource cannot send a token). Calls onEvent(cloudEvent, position) for each entry
 * until signal aborts; when the stream breaks (a gateway restarted) it connects again after a second and goes on after
 * the last position it had, so nothing is skipped or repeated. after: a feed position to start after, or null for the
 * present. Throws ApiProblem when the API refuses the request.
 */
export async function follow({ types, after = null, signal, onEvent }) {
  let position = after;
  for (;;) {
    try {
      await stream(types, position, signal, (event, id) => {
        if (id !== null) position = id;
        onEvent(event, id);
      });
    } catch (error) {
      if (error.name === 'AbortError' || error instanceof ApiProblem) throw error;
    }
    if (signal?.aborted) return;
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

async function stream(types, after, signal, onEvent) {
  const query = new URLSearchParams();
  if (types) query.set('types', types.join(','));
  if (after !== null) query.set('after', String(after));
  const response = await fetch(`/api/feed?${query}`, { headers: headers({ Accept: 'text/event-stream' }), signal });
  if (!response.ok) await answer(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let id = null;
      let data = '';
      for (const line of message.split('\n')) {
        if (line.startsWith('id:')) id = Number(line.slice(3).trim());
        else if (line.startsWith('data:')) data += line.slice(5).trim();
      }
      if (data) onEvent(JSON.parse(data), id);
    }
  }
}
