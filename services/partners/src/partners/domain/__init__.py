"""partners.domain"""
