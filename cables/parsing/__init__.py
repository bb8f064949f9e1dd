"""Cable parser: the text of a diplomatic cable, in any form it comes in, to one record.

Pure Python with no Django import. `parse_cable` reads one cable's text; `iter_cables`
and `parse_file` read whole inputs (scraped copies, raw telegrams, WikiLeaks pages,
`cables.csv` rows, plain or gzip) and yield a record, or a `CableParseError`, for each cable.
"""

from .cable import parse_cable
from .errors import CableParseError
from .records import RECORD_KEYS
from .sources import iter_cables, parse_file

__all__ = ["RECORD_KEYS", "CableParseError", "iter_cables", "parse_cable", "parse_file"]
