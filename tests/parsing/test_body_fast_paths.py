"""The body's string-method readings agree with the patterns they stand in for, on crafted odd inputs."""

import pytest

from cables.parsing import body

from .test_fast_paths import _drop_trailing_heading_by_pattern

ODD_CHUNKS = [
    "",
    " ",
    "\n \n\t\n",
    ".",
    "HEADING",
    "Text ends here!\n\nHEADING",
    "Does it end here?\n\nHEADING \n",
    "A list; \n\n---------- \nSUMMARY \n---------- \n",
    "Ends without a stop\n\nBACKGROUND",
    "Text.\r\n\r\nHEADING\r\n",
    "Text.\n\t\nHEADING\t\n",
    "Text.\n\u3000\nHEADING\n",
    "Text.\n\x0c\nHEADING\n\x0b\nSUB HEADING",
    "¶2. (C/NF) Text.\n\n(SBU) HEADING\n",
    "¶3. (SBU) Text.\n\n12 POINTS\n",
    "Text.\n\nSTATE 00039345 002 OF 002\n",
    "Text.\n\nONE\nTWO\nTHREE\nFOUR\n",
    "Text.\n\n" + "x" * 420 + "\nHEADING",
    "Text,\n\nHEADING, WITH A COMMA",
]


@pytest.mark.parametrize("chunk", ODD_CHUNKS)
def test_trailing_headings_dropped_as_the_pattern_scan_dropped_them_on_odd_chunks(chunk):
    assert body.drop_trailing_heading(chunk) == _drop_trailing_heading_by_pattern(chunk)


@pytest.mark.parametrize("stop", list(".!?;"))
def test_a_chunk_ending_a_sentence_keeps_its_last_line(stop):
    chunk = f"Text\n\nLAST LINE{stop} \n"
    assert body.drop_trailing_heading(chunk) == f"Text\n\nLAST LINE{stop}"
