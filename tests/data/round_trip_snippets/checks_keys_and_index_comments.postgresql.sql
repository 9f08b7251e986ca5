-- Unnamed checks take PostgreSQL's names (t_col_check, t_check, t_check1); index comments;
-- foreign keys MATCH FULL.
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
    CHECK (price < 1e6),
    CONSTRAINT orders_range UNIQUE (lo, hi)
);
CREATE INDEX orders_qty ON app.orders (qty);
COMMENT ON INDEX app.orders_qty IS 'for stock reports; it''s hot';
CREATE UNIQUE INDEX orders_lo_hi ON app.orders (lo, hi) WHERE lo IS NOT NULL;
COMMENT ON INDEX app.orders_lo_hi IS 'ranges';
CREATE TABLE app.lines (
    order_id integer,
    lo integer,
    hi integer,
    FOREIGN KEY (lo, hi) REFERENCES app.orders (lo, hi) MATCH FULL ON DELETE CASCADE,
    CONSTRAINT lines_order FOREIGN KEY (order_id) REFERENCES app.orders (id) MATCH FULL
);
