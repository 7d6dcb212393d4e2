"""Multilingual customer-support console.

The package is split by concern (see README "Architecture"): ``config`` and ``errors`` are
imported by everything and import nothing heavy; ``backends`` hold the model code (torch and
transformers are imported only inside ``backends.transformers``); ``pipeline`` owns one
conversation turn; ``ui`` is the only module that imports gradio.
"""

__version__ = "0.1.0"
