"""The vocabulary every layer shares: slots and intents, regions, Korean units and normalization,
particles, law names and entity ids.

One owner per word list, so the NLU, the tools and memory cannot drift apart. This package imports
nothing else of the project (import-linter contract in pyproject.toml).
"""
