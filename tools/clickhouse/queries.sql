-- The questions an operator asks first, over the tables of schema.sql.
--   clickhouse-client --database vcflow --multiquery < tools/clickhouse/queries.sql
-- Each answers for every sensor and all time loaded; add a WHERE on
-- sensor or first_ts (flows) / loaded_at to narrow it.  They run on
-- ClickHouse 18.16 and current releases.

-- 1. Unexpected flows by product and port: traffic no vendor table
-- expects, grouped by what it claims to be (the best product the evidence
-- named, or '' when none) and where it goes, the most common first.
SELECT
    product[1] AS product,
    transport,
    dport,
    count() AS flows,
    uniqExact(src) AS sources,
    uniqExact(sensor) AS sensors,
    sum(bytes_fwd + bytes_rev) AS bytes,
    any(reason) AS example_reason
FROM vcflow.flows
WHERE unexpected = 1
GROUP BY product, transport, dport
ORDER BY flows DESC, bytes DESC, product, transport, dport;

-- 2. Failed calls by cause: calls that did not work (failed, unanswered,
-- one-way audio, no media), by status and the final SIP code, Q.931
-- cause or SCCP state, the most common first.
SELECT
    status,
    protocol,
    ifNull(final_code, 0) AS code,
    ifNull(final_reason, '') AS reason,
    count() AS calls,
    uniqExact(sensor) AS sensors,
    any(call_id) AS example_call
FROM vcflow.calls
WHERE status IN ('failed', 'unanswered', 'one_way', 'no_media')
GROUP BY status, protocol, code, reason
ORDER BY calls DESC, status, protocol, code, reason;

-- 3. Worst MOS by sensor: each sensor's worst call (the lower of its two
-- directions' E-model MOS; calls without a voice codec's MOS left out),
-- the worst sensor first.
SELECT
    sensor,
    count() AS calls_with_mos,
    min(mos) AS worst_mos,
    argMin(call_id, mos) AS worst_call,
    round(avg(mos), 2) AS mean_mos
FROM
(
    SELECT
        sensor,
        call_id,
        assumeNotNull(if(isNull(mos_to_callee), mos_to_caller,
            if(isNull(mos_to_caller), mos_to_callee,
               least(mos_to_callee, mos_to_caller)))) AS mos
    FROM vcflow.calls
    WHERE isNotNull(mos_to_callee) OR isNotNull(mos_to_caller)
)
GROUP BY sensor
ORDER BY worst_mos, sensor;
