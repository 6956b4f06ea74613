"""partners.adapters"""
