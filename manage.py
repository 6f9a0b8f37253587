#!/usr/bin/env python
"""Django's manage.py; the same as the `nscl` command."""

from nscl.__main__ import main

if __name__ == "__main__":
    main()
