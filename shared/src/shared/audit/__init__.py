"""The audit trail: who did what to which object, when, from where — tamper-evident.

Every mutation (written by the shared effects runner in the same transaction) and every sensitive
read (a case file, an evidence download, unmasked personal data, a disclosure export) appends an
entry, unsealed, in the transaction it describes; the service's sealer then numbers the entries
without gaps and hash-chains them per service (SHA-256, or SM3 where the national cryptography
standards apply); the table refuses UPDATE, DELETE and TRUNCATE at the
database level; signed checkpoints of the chain head are exported so that even a rebuilt chain is
detected. ``ipcase audit verify --service S`` names the first broken, edited, deleted or
reordered entry.

* :mod:`~shared.audit.chain` — canonical form and hashing of an entry;
* :mod:`~shared.audit.tables` — the tables; :func:`shared.migration_ops.create_audit_tables_v1`;
* :mod:`~shared.audit.trail` — :class:`AuditEntry`, the request's audit context, the writer;
* :mod:`~shared.audit.sealer` — chaining the unsealed entries, one sealer at a time;
* :mod:`~shared.audit.checkpoints` — signing and exporting the chain head;
* :mod:`~shared.audit.verify` — checking a chain against itself and its checkpoints.
"""
