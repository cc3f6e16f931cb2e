"""Country-sized synthetic data (`manage.py generate_national`), seeded and repeatable.

Each domain has a module with `generate(ctx)`; `STEPS` runs them in dependency order.
Big tables are written with PostgreSQL's COPY (`NationalContext.copy`), the rest with
`bulk_create`. Everything made here is marked as demo data, and names say it is
synthetic: slugs start with `nat-`.
"""
