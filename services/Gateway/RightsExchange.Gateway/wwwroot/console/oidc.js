// Signing in through the configured OpenID Connect provider: the authorization code flow with PKCE, by oidc-client-ts
// (lib/, vendored by deploy/tools/console). The console never sees a password; it keeps the access token in the tab.

import { signIn } from './api.js';

function manager(settings) {
  const store = new window.oidc.WebStorageStateStore({ store: window.sessionStorage });
  return new window.oidc.UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    scope: settings.scope,
    redirect_uri: `${location.origin}/console/`,
    response_type: 'code',
    userStore: store,
    stateStore: store,
  });
}

/** Sends the browser to the provider's sign-in page. */
export function redirectToProvider(settings) {
  return manager(settings).signinRedirect();
}

/**
 * When the provider has sent the browser back (?code=...&state=...): exchanges the code for tokens and signs in with
 * the access token. True if it did, false if this is not a return from the provider; throws what the exchange threw.
 */
export async function completeSignIn(settings) {
  const query = new URLSearchParams(location.search);
  if (!settings.authority || !query.has('code') || !query.has('state')) return false;
  const user = await manager(settings).signinRedirectCallback();
  const claims = payload(user.access_token);
  const role = Array.isArray(claims.role) ? claims.role[0] : claims.role;
  signIn({ token: user.access_token, subject: claims.sub ?? user.profile.sub, role, participantId: claims.participant ?? null });
  history.replaceState(null, '', `${location.pathname}#/`);
  return true;
}

// The access token's claims, read to choose the pages to show: the API checks the token itself on every request.
function payload(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(part.padEnd(Math.ceil(part.length / 4) * 4, '=')));
}
