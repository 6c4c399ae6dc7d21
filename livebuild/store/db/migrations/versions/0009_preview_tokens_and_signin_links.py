"""preview tokens and sign-in links

Revision ID: 0009
Revises: 0008
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("preview_token", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint("uq_jobs_preview_token", ["preview_token"])
    # Builds made before previews had their own origin get a capability URL too.
    connection = op.get_bind()
    jobs = sa.table("jobs", sa.column("id", sa.String), sa.column("preview_token", sa.String))
    for (job_id,) in connection.execute(sa.select(jobs.c.id)).all():
        connection.execute(
            jobs.update().where(jobs.c.id == job_id).values(preview_token=secrets.token_hex(16))
        )
    op.create_table(
        "signin_links",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("code_hash"),
    )
    with op.batch_alter_table("signin_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signin_links_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("signin_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signin_links_user_id"))
    op.drop_table("signin_links")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_constraint("uq_jobs_preview_token", type_="unique")
        batch_op.drop_column("preview_token")
