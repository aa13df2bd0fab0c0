"""Zelfscan: interactieve zelfscans voor gemeenten."""
