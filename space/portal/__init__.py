"""The submission portal: validate an upload, enforce quotas, score it with emer_eval and store the record."""
