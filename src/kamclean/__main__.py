"""``python -m kamclean``: the same as the ``kamclean`` command."""

from kamclean.cli import main

if __name__ == "__main__":
    main()
