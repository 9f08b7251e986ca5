-- Partitions as pg_dump writes them: the parent PARTITION BY, each partition a table of its
-- own attached with ALTER TABLE ONLY … ATTACH PARTITION, indexes made ON ONLY the parent and
-- attached index by index; and partitions made with PARTITION OF, a default one included.
CREATE TABLE public.payment (
    payment_id integer NOT NULL,
    amount numeric(5,2) NOT NULL,
    paid_at timestamp with time zone NOT NULL
)
PARTITION BY RANGE (paid_at);

CREATE TABLE public.payment_2022 (
    payment_id integer NOT NULL,
    amount numeric(5,2) NOT NULL,
    paid_at timestamp with time zone NOT NULL
);

CREATE TABLE public.payment_2023 (
    payment_id integer NOT NULL,
    amount numeric(5,2) NOT NULL,
    paid_at timestamp with time zone NOT NULL
);

ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_2022 FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2023-01-01 00:00:00+00');
ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_2023 FOR VALUES FROM ('2023-01-01 00:00:00+00') TO ('2024-01-01 00:00:00+00');

ALTER TABLE ONLY public.payment
    ADD CONSTRAINT payment_pkey PRIMARY KEY (paid_at, payment_id);
ALTER TABLE ONLY public.payment_2022
    ADD CONSTRAINT payment_2022_pkey PRIMARY KEY (paid_at, payment_id);
ALTER TABLE ONLY public.payment_2023
    ADD CONSTRAINT payment_2023_pkey PRIMARY KEY (paid_at, payment_id);

CREATE INDEX payment_amount_idx ON ONLY public.payment USING btree (amount);
CREATE INDEX payment_2022_amount_idx ON public.payment_2022 USING btree (amount);
CREATE INDEX payment_2023_amount_idx ON public.payment_2023 USING btree (amount);
ALTER INDEX public.payment_amount_idx ATTACH PARTITION public.payment_2022_amount_idx;
ALTER INDEX public.payment_amount_idx ATTACH PARTITION public.payment_2023_amount_idx;
ALTER INDEX public.payment_pkey ATTACH PARTITION public.payment_2022_pkey;
ALTER INDEX public.payment_pkey ATTACH PARTITION public.payment_2023_pkey;

CREATE TABLE public.event (
    id bigint NOT NULL,
    kind text NOT NULL
)
PARTITION BY LIST (kind);
CREATE TABLE public.event_click PARTITION OF public.event FOR VALUES IN ('click', 'tap');
CREATE TABLE public.event_other PARTITION OF public.event DEFAULT;
CREATE INDEX event_id_idx ON public.event (id);
