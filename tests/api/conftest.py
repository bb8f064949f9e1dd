from tests.recognitions.conftest import _fast_password_hashing, ledger  # noqa: F401  shared fixtures
