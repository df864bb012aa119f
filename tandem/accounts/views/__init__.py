"""Accounts screens: one module per screen."""
