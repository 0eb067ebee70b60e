"""The frozen app's entry point: the same `explorer` command as an installed wheel's."""

import sys

from explorer.cli import main

if __name__ == "__main__":
    sys.exit(main())
