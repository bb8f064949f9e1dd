"""The parser is plain Python: importing and using it loads no Django."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_parser_imports_and_runs_without_django():
    code = (
        "import sys; import cables.parsing as p; "
        "r = p.parse_cable(open(sys.argv[1], encoding='utf-8').read()); "
        "assert r['reference_id'] == '09STATE39345'; "
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')); "
        "assert not loaded, loaded"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    seed = ROOT / "tests" / "fixtures" / "cables" / "seeds" / "09STATE39345.txt"
    result = subprocess.run([sys.executable, "-c", code, str(seed)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
