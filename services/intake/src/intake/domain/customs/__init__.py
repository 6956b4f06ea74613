"""Customs IP protection (知识产权海关保护, domain-rules §E) as the centre sees it.

``recordation`` (备案, art. 7–11), ``detention`` (the §E.4a detention case: one enum, one table,
one guard), ``guarantee`` (担保: amounts, forms, settlement) and ``clocks`` (the 3/20/30/50-WD
clocks on the working-day calendar). Pure Python: the REST routes and, later, the partner
gateway's forwarded customs messages reach it through the same handlers.
"""
