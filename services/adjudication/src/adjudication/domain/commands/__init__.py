"""Commands the adjudication service handles (imperative names), one module per area of the procedure.

Routes and consumers build them; handlers turn each into one step on one case in one transaction.
``by`` is who entered the command; each command names its domain step (``base.Step``).
"""
