"""Screens of the awards app, one module per part of the round's end."""
