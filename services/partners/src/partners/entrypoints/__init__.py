"""partners.entrypoints"""
