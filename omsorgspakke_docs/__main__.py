"""python -m omsorgspakke_docs, and the omsorgspakke command's entry point.

The stop handler comes before anything else is imported (stop_requests.py).
"""

import sys

from . import stop_requests


def main() -> int:
    stop_requests.remember()
    from .cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
