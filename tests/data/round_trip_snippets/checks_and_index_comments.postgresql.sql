-- Unnamed checks take PostgreSQL's names (t_col_check, t_check, t_check1); index comments.
CREATE SCHEMA app;
CREATE TABLE app.orders (
    id integer PRIMARY KEY,
    qty integer CHECK (qty > 0),
    price numeric(10,2),
    lo integer,
    hi integer,
    CHECK (lo < hi),
    CHECK (lo >= 0 AND hi <= 1000),
    CONSTRAINT price_positive CHECK (price >= 0),
    CHECK (price < 1e6)
);
CREATE INDEX orders_qty ON app.orders (qty);
COMMENT ON INDEX app.orders_qty IS 'for stock reports; it''s hot';
CREATE UNIQUE INDEX orders_lo_hi ON app.orders (lo, hi) WHERE lo IS NOT NULL;
COMMENT ON INDEX app.orders_lo_hi IS 'ranges';
