"""Article processing: the extraction library (``articles.extract``) and the service code around it."""

PIPELINE_VERSION = "2026.11.1"
"""Bumped whenever extraction output may change, so stored records can be re-processed selectively."""
