-- Atrium's spatial model lives in PostGIS; everything later depends on it.
CREATE EXTENSION IF NOT EXISTS postgis;
-- gen_random_uuid() is built in since PostgreSQL 13; pgcrypto is not needed.
