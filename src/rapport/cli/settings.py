"""Settings: `rapport config list|get|set|unset` over the config file."""

from __future__ import annotations

from typing import Annotated

import typer

from rapport.cli import output, state
from rapport.cli.shared import Json, say

config_app = typer.Typer(help="help.cmd.config", no_args_is_help=True)


@config_app.command(name="list", help="help.cmd.config.list")
def config_list(json_: Json = False) -> None:
    from rapport import config as settings_module

    t = state.translator()
    rows = [{**row, "doc": t(f"help.setting.{row['key']}")} for row in settings_module.describe()]
    if json_:
        output.json({"file": settings_module.config_path(), "settings": rows})
        return
    output.line(t("config.file", path=settings_module.config_path()))
    for row in rows:
        value = row["value"] if row["value"] != "" else "—"
        output.line(f"  {row['key']} = {value}  ({t('config.source.' + row['source'])}, {row['env']})")
        output.line(f"      {row['doc']}")


@config_app.command(name="get", help="help.cmd.config.get")
def config_get(key: Annotated[str, typer.Argument(help="help.opt.setting_key")]) -> None:
    from rapport import config as settings_module

    found = {row["key"]: row for row in settings_module.describe()}
    if key not in found:
        state.fail("config.unknown_key", 2, key=key)
    output.line(str(found[key]["value"]))


@config_app.command(name="set", help="help.cmd.config.set")
def config_set(
    key: Annotated[str, typer.Argument(help="help.opt.setting_key")],
    value: Annotated[str, typer.Argument(help="help.opt.value")],
) -> None:
    from rapport import config as settings_module

    settings_module.write_setting(key, value)
    shown = next((r["value"] for r in settings_module.describe() if r["key"] == key), value)
    say("config.set", key=key, value=shown)


@config_app.command(name="unset", help="help.cmd.config.unset")
def config_unset(key: Annotated[str, typer.Argument(help="help.config.unset.key")]) -> None:
    from rapport import config as settings_module

    settings_module.write_setting(key, None)
    say("config.unset", key=key)
