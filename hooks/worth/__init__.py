"""Worth: turn raw scraped articles into a calm, themed, cross-linked static site.

This package is the pure pipeline (see ``model.py`` for the data that flows through it). It never
imports mkdocs: the one module that does is ``hooks/worth_hooks.py``, beside this package.
"""
