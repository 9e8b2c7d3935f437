"""Alembic environment: runs on the connection rapport hands over (see rapport.store.db.migrate)."""

from alembic import context

from rapport.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic` run by hand: use RAPPORT_DATABASE_URL or the default store
    from sqlalchemy import create_engine

    from rapport.store.db import default_url

    connection = create_engine(default_url()).connect()

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
