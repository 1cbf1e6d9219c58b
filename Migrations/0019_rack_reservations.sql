-- Rack units held for coming equipment, with an expiry (capacity planning). Written through the
-- audited change path; an expired row no longer counts and may be removed by anyone who may write.
CREATE TABLE rack_reservations (
    id uuid PRIMARY KEY,
    site_id uuid NOT NULL REFERENCES sites(id),
    building_id uuid,
    rack_id uuid NOT NULL,
    u_position integer NOT NULL CONSTRAINT "reservation.u_position" CHECK (u_position BETWEEN 1 AND 1000),
    u_height integer NOT NULL CONSTRAINT "reservation.u_height" CHECK (u_height BETWEEN 1 AND 1000),
    note text CONSTRAINT "reservation.note" CHECK (note IS NULL OR length(note) <= 2000),
    expires_at timestamptz NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rack_reservations_rack ON rack_reservations (rack_id, expires_at);
CREATE INDEX rack_reservations_site ON rack_reservations (site_id, expires_at);
GRANT SELECT, INSERT, DELETE ON rack_reservations TO atrium_app;
