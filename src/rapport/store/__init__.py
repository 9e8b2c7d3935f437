"""Storage: SQLAlchemy tables, Alembic migrations, and the queries the services run."""

# The newest Alembic revision in store/migrations/versions (a test keeps the two in step).
HEAD_REVISION = "0017"
