"""Who is asking: principals from asymmetric JWTs of an OIDC issuer, and the development issuer.

* :mod:`~shared.identity.principals` — :class:`Principal` (roles, office and its administrative
  level for people; the partner's own code for a court, customs office or platform) and the
  office roll-up (county ⊂ city ⊂ province ⊂ national);
* :mod:`~shared.identity.keys` — signing keys from the issuer's OIDC discovery document and
  JWKS, refreshed on rotation (an unknown ``kid``) and periodically;
* :mod:`~shared.identity.tokens` — :class:`TokenVerifier`: signature, algorithm allow-list,
  issuer, audience, expiry with a small leeway, and the claims that make a principal;
* :mod:`~shared.identity.dev_issuer` — a real issuer for development and tests (an Ed25519 key
  pair, discovery, JWKS, and signed development tokens), so ``make run`` needs no setup.
"""
