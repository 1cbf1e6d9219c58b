-- Issue 14: alarm notifications through an outbox.
--
-- A site's webhooks receive alarm changes at or above their minimum severity. The rows to send
-- are written into `notification_outbox` by the same transaction that changes the alarm, so a
-- rolled-back change sends nothing and a committed one is sent even if the server dies right
-- after. The dispatcher claims due rows (SKIP LOCKED: several servers share the work), signs each
-- body with the webhook's secret (HMAC-SHA256) and retries with exponential backoff; a row that
-- keeps failing becomes `dead` and is listed for admins.

CREATE TABLE webhooks (
    id uuid PRIMARY KEY,
    site_id uuid NOT NULL REFERENCES sites (id),
    name text NOT NULL CONSTRAINT "webhook.name" CHECK (length(name) BETWEEN 1 AND 200),
    url text NOT NULL CONSTRAINT "webhook.url" CHECK (url ~ '^https?://' AND length(url) <= 2048),
    -- The shared secret the receiver verifies signatures with (it must be able to recompute them).
    secret text NOT NULL CONSTRAINT "webhook.secret" CHECK (length(secret) BETWEEN 16 AND 256),
    min_severity smallint NOT NULL DEFAULT 1 CONSTRAINT "webhook.min-severity" CHECK (min_severity BETWEEN 1 AND 4),
    enabled boolean NOT NULL DEFAULT true,
    revision bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_site ON webhooks (site_id) WHERE enabled;

CREATE TABLE notification_outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    site_id uuid NOT NULL,
    alarm_id uuid,
    event text NOT NULL,
    payload jsonb NOT NULL,
    state text NOT NULL DEFAULT 'pending' CONSTRAINT "notification.state" CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_status integer,
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    delivered_at timestamptz
);
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX notification_outbox_dead ON notification_outbox (site_id, id) WHERE state = 'dead';

GRANT SELECT, INSERT, UPDATE, DELETE ON webhooks TO atrium_app;
GRANT SELECT, INSERT, UPDATE ON notification_outbox TO atrium_app;
