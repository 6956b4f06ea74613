"""Test support: a pytest plugin with embedded servers, running services, and random references."""
