"""What a case file records: values and sub-entities (a hearing, a recusal, an application...).

Pure records and their status tables; nothing here knows the ``Case`` that holds them.
"""
