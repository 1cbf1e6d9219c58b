-- Alarm notifications by e-mail: a site's notification target may be `mailto:address` besides an
-- http(s) webhook URL. The service checks the address; the table keeps its own guard.
ALTER TABLE webhooks DROP CONSTRAINT "webhook.url";
ALTER TABLE webhooks ADD CONSTRAINT "webhook.url"
    CHECK ((url ~ '^https?://' OR url ~ '^mailto:[^<>,;?&"()\[\]\\ ]+@[^<>,;?&"()\[\]\\ @]+$') AND length(url) <= 2048);
