// Reads a JWT's claims for display only. The signature is the server's business;
// nothing here is trusted for access decisions.

export function decodeClaims(token) {
  try {
    const payload = token.split('.')[1];
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return {};
  }
}

/** The fields the console shows: who, which workspace, roles, who is acting, expiry. */
export function describe(claims) {
  return {
    sub: claims.sub,
    workspaceId: claims.ws,
    groups: claims.groups || [],
    actor: claims.act && claims.act.sub ? claims.act.sub : null,
    expiresAt: claims.exp ? new Date(claims.exp * 1000) : null,
  };
}
