"""rapport for assistants: the services as Model Context Protocol tools (`rapport mcp`, docs/assistants.md).

`tools` holds what each tool does, on the services and without the SDK; `server` hands them to the official `mcp`
SDK, which is imported only there, so that only `rapport mcp` pays for it.
"""
