#!/usr/bin/env python
"""Django's manage.py, kept for habit; `workplan` is the same command line."""

from workplan.cli import main

if __name__ == "__main__":
    main()
