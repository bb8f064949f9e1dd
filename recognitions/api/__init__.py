"""The recognition ledger and its status engine over the REST API (/api/v1/)."""
