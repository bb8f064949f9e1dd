"""Signals of the cable archive, for the parts of the desk that build on stored cables.

`cable_stored` is sent after the transaction that stored a new cable or a new
revision commits, with `cable_id`, `reference_id`, `revision` and
`previous_id` (the revision it replaces, or None). Fact extraction connects
to it; the archive itself knows nothing about facts.
"""

from django.dispatch import Signal

cable_stored = Signal()
