// Sign-in through the identity service: authorization code with PKCE (S256) as the public client (no secret).
// The access token lives in this tab's sessionStorage only, never in a cookie: the API reads the Authorization header.

const TOKEN = 'zz.dashboard.token';
const PENDING = 'zz.dashboard.pending';

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Where identity sends the browser back: this page, without its query. */
function redirectUri() {
  return window.location.origin + window.location.pathname;
}

async function discover(settings) {
  const response = await fetch(`${settings.issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`身份服务不可用 (${response.status})`);
  return response.json();
}

/** The issuer and client the dashboard service is configured with (GET sign-in.json, open). */
export async function signInSettings() {
  const response = await fetch('sign-in.json');
  if (!response.ok) throw new Error(`看板服务不可用 (${response.status})`);
  return response.json();
}

/** The token of this tab, while it is valid. */
export function currentToken() {
  const saved = JSON.parse(sessionStorage.getItem(TOKEN) || 'null');
  return saved && saved.expiresAt > Date.now() ? saved.accessToken : null;
}

export function signOut() {
  sessionStorage.removeItem(TOKEN);
}

/** Off to identity's sign-in page; it comes back to this page with ?code=…&state=…. */
export async function startSignIn(settings) {
  const configuration = await discover(settings);
  const verifier = random();
  const state = random();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    response_type: 'code', client_id: settings.clientId, redirect_uri: redirectUri(), scope: 'openid profile',
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  window.location.assign(`${configuration.authorization_endpoint}?${query}`);
}

/** Back from identity: trade the code for a token (once; the state must be the one this tab sent). */
export async function finishSignIn(settings) {
  const query = new URLSearchParams(window.location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  if (!query.has('code') || !pending) return null;
  sessionStorage.removeItem(PENDING);
  window.history.replaceState(null, '', redirectUri());
  if (query.get('state') !== pending.state) throw new Error('登录状态不符，请重新登录');
  const configuration = await discover(settings);
  const response = await fetch(configuration.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri(),
      client_id: settings.clientId, code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`登录失败 (${response.status})`);
  const token = await response.json();
  sessionStorage.setItem(TOKEN, JSON.stringify({
    accessToken: token.access_token, expiresAt: Date.now() + (token.expires_in - 30) * 1000,
  }));
  return token.access_token;
}
