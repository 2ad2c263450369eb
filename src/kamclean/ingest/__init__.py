"""Reading raw articles: bytes → normalised text, with every normalisation recorded.

Only this package reads article files. Decoding is strict: an article that is not UTF-8 is refused with a
reason, never guessed at, because a wrong guess silently corrupts every word.
"""

from kamclean.ingest.text import InputError, decode, read_bytes, to_raw_column, undo_edits

__all__ = ["InputError", "decode", "read_bytes", "to_raw_column", "undo_edits"]
