"""job versions: what each version was built from and its stored files

Revision ID: 0007
Revises: 0006
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('base_job_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('restored_from', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('manifest', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('change_notes', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_column('change_notes')
        batch_op.drop_column('manifest')
        batch_op.drop_column('restored_from')
        batch_op.drop_column('base_job_id')
