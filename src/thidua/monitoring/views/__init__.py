"""Screens of monitoring, one module per part of the round's life.

Thin: objects are looked up through the viewer's selectors (another unit's object is a 404),
permissions are the `rules` of `monitoring.rules` (a visible object the user may not change is
a 403), and every change goes through `services`."""
