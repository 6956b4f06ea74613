"""Who may do what: one permission table per service (role × action) and the object rules.

* :mod:`~shared.access.policy` — :class:`Policy`, the role × action table as data, and the route
  dependency that enforces it (every route names exactly one action);
* :mod:`~shared.access.rules` — object rules a handler or view applies once it has the object:
  office scope with roll-up, assignment, court- and customs-binding, separation of duties;
* :mod:`~shared.access.minimise` — what each kind of reader may see of a party's personal data.

Why not Casbin: the role × action part would be a one-line model, and every object rule here
(division roll-up, assignments, partner binding, four-eyes approval) would be a custom function
anyway; a small table plus plain functions is easier to review and to test cell by cell.
"""
