"""What every command shares: the loaded config, and errors that exit 2 with one line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click

from kamclean.config import Config, ConfigError, find_config, load_config


class KamcleanError(click.ClickException):
    """A usage, configuration or input error: one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"kamclean: error: {self.format_message()}", err=True)


class OneLineUsageError(click.UsageError):
    """A usage error shown as one line (with where to find help), not click's usage block."""

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        where = f" (see `{self.ctx.command_path} --help`)" if self.ctx is not None else ""
        click.echo(f"kamclean: error: {self.format_message()}{where}", err=True)


class KamcleanGroup(click.Group):
    """The command group: every usage error, in any subcommand, is one line on stderr with exit code 2."""

    def make_context(self, info_name, args, parent=None, **extra):  # type: ignore[no-untyped-def]
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as exc:
            if isinstance(exc, OneLineUsageError):
                raise
            raise OneLineUsageError(exc.format_message(), exc.ctx) from None

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            if isinstance(exc, OneLineUsageError):
                raise
            raise OneLineUsageError(exc.format_message(), exc.ctx) from None


@dataclass
class State:
    config_path: str | None = None
    verbose: bool = False
    _config: Config | None = field(default=None, repr=False)

    def config(self) -> Config:
        if self._config is None:
            try:
                path = Path(self.config_path) if self.config_path else find_config(Path.cwd())
                if self.config_path and not Path(self.config_path).is_file():
                    raise KamcleanError(f"{self.config_path}: no such config file")
                config = load_config(path)
                _validate_rule_data(config)
                self._config = config
            except ConfigError as exc:
                raise KamcleanError(str(exc)) from None
        return self._config


pass_state = click.make_pass_decorator(State)


def _validate_rule_data(config: Config) -> None:
    """Load the artefact catalog and compile every rule family now, so that a broken user catalog, glossary or
    term file is one config error up front (never a traceback in the middle of a run)."""
    from kamclean.checks.patterns import DataError
    from kamclean.checks.registry import all_rules
    from kamclean.clean.catalog import CatalogError
    from kamclean.pipeline import _catalog

    try:
        _catalog(config)
        all_rules(config)
    except (CatalogError, DataError, ValueError) as exc:  # ValueError: the same id in two families
        raise ConfigError(str(exc)) from None
