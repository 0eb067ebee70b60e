import sys

from explorer.cli import main

# Guarded: worker processes (spawned for big networks) import the main module again.
if __name__ == "__main__":
    sys.exit(main())
