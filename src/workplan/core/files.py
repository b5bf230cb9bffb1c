"""Keeping stored files and database rows together."""

import contextlib


@contextlib.contextmanager
def removed_on_failure(field_file):
    """Deletes a file just written to storage when the rest of the write fails, so no file is
    left behind without the row that points to it."""
    try:
        yield
    except BaseException:
        field_file.delete(save=False)
        raise
