"""rapport in the browser (`rapport serve`): server-rendered pages over the same services as the command line.

Importing this package loads nothing heavy; FastAPI, Starlette and Jinja2 are imported by rapport.web.app only.
"""
