"""Settings: `rapport config list|get|set|unset` over the config file."""

from __future__ import annotations

from typing import Annotated

import typer

from rapport.cli import output, state
from rapport.cli.shared import Json, say

config_app = typer.Typer(
    help="Show and change settings (the config file in your config directory).", no_args_is_help=True
)


@config_app.command(name="list")
def config_list(json_: Json = False) -> None:
    """Every setting: its value, where it comes from, and what it means."""
    from rapport import config as settings_module

    rows = settings_module.describe()
    if json_:
        output.json({"file": settings_module.config_path(), "settings": rows})
        return
    t = state.translator()
    output.line(t("config.file", path=settings_module.config_path()))
    for row in rows:
        value = row["value"] if row["value"] != "" else "—"
        output.line(f"  {row['key']} = {value}  ({t('config.source.' + row['source'])}, {row['env']})")
        output.line(f"      {row['doc']}")


@config_app.command(name="get")
def config_get(key: Annotated[str, typer.Argument(help="The setting, e.g. daily_budget.")]) -> None:
    """Print one setting's value."""
    from rapport import config as settings_module

    found = {row["key"]: row for row in settings_module.describe()}
    if key not in found:
        state.fail("config.unknown_key", 2, key=key)
    output.line(str(found[key]["value"]))


@config_app.command(name="set")
def config_set(
    key: Annotated[str, typer.Argument(help="The setting, e.g. daily_budget.")],
    value: Annotated[str, typer.Argument(help="Its new value.")],
) -> None:
    """Change a setting in the config file (checked first)."""
    from rapport import config as settings_module

    settings_module.write_setting(key, value)
    shown = next((r["value"] for r in settings_module.describe() if r["key"] == key), value)
    say("config.set", key=key, value=shown)


@config_app.command(name="unset")
def config_unset(key: Annotated[str, typer.Argument(help="The setting to return to its default.")]) -> None:
    """Remove a setting from the config file, so its default (or environment variable) applies."""
    from rapport import config as settings_module

    settings_module.write_setting(key, None)
    say("config.unset", key=key)
