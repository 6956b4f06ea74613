"""The infringement-dispute case (专利侵权纠纷行政裁决案件), one aggregate in three layers.

``parts`` (what the case file records: values and sub-entities with their status tables) <-
``states`` (the §A.14 transition table) and ``aggregate`` (the ``Case``) <- ``steps`` (one module
per stage of the procedure, each guarding its step and moving the case through the table).
"""
