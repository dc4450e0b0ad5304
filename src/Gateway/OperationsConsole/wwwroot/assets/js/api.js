// The console calls the Gateway's own API (/api/v1, the same endpoints and validation as the billing systems)
// with its session cookie. Every write carries the antiforgery token from GET /console/session.

let csrf = null;

export class ApiError extends Error {
  /** @param {Response} response @param {object|null} problem RFC 7807 problem details, when the Gateway sent them */
  constructor(response, problem) {
    super(problem?.detail || problem?.title || `${response.status} ${response.statusText}`);
    this.status = response.status;
    this.problem = problem;
    this.retryAfter = Number(response.headers.get('Retry-After')) || null;
  }

  /** The fields the problem names, e.g. { reason: ['is required'] }. */
  get errors() {
    return this.problem?.errors ?? {};
  }
}

/** Who is signed in, with the token their writes must carry; null when nobody is. */
export async function loadSession() {
  const response = await fetch('/console/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 401) return null;
  if (!response.ok) throw new ApiError(response, await problemOf(response));
  const session = await response.json();
  csrf = { header: session.csrfHeader, token: session.csrfToken };
  return session;
}

export async function signIn(name, password) {
  const response = await fetch('/console/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ name, password }),
  });
  if (!response.ok) throw new ApiError(response, await problemOf(response));
}

export async function signOut() {
  await send('DELETE', '/console/session');
}

/** GET /api/v1/{path}?{query}; empty query values are left out. */
export function get(path, query = {}) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const suffix = search.size > 0 ? `?${search}` : '';
  return request('GET', `/api/v1/${path}${suffix}`);
}

/** A write through the API; the body's own id (requestId, noteId, …) makes a resend after a failure harmless. */
export function write(method, path, body) {
  return send(method, `/api/v1/${path}`, body);
}

function send(method, url, body) {
  const headers = { Accept: 'application/json' };
  if (csrf) headers[csrf.header] = csrf.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return request(method, url, headers, body === undefined ? undefined : JSON.stringify(body));
}

async function request(method, url, headers = { Accept: 'application/json' }, body = undefined) {
  const response = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  if (response.status === 401) {
    // The session ended (idle, signed out elsewhere, user disabled): back to the sign-in page, then here again.
    window.location.assign(`/console/login?ReturnUrl=${encodeURIComponent('/console/' + window.location.hash)}`);
    throw new ApiError(response, await problemOf(response));
  }
  if (!response.ok) throw new ApiError(response, await problemOf(response));
  return response.status === 204 ? null : response.json();
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** An id for one user action, kept until the action succeeds so a retry is recognised as the same action. */
export function newRequestId(prefix) {
  // getRandomValues works on plain http too, where randomUUID does not (it needs a secure context).
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
