-- vcflow's records in ClickHouse: one table a record type, loaded by
-- load.sh from `vcflow -F json` (and `vcflow diagnose -F json`) output.
--
--   clickhouse-client --multiquery < tools/clickhouse/schema.sql
--
-- Written for ClickHouse 18.16 (Debian's) and current releases alike: no
-- DateTime64, no LowCardinality, no JSON or other experimental types.
-- What load.sh does to a record on the way in:
--   * a time "2024-03-01T10:00:00.123456Z" becomes two columns, NAME as
--     DateTime('UTC') (whole seconds) and NAME_us as UInt32 (the
--     microseconds), both Nullable where the record may hold null;
--   * a nested object becomes columns named PARENT_CHILD (tcp.syn_fwd ->
--     tcp_syn_fwd, rtp_fwd.lost -> rtp_fwd_lost, undecodable.truncated ->
--     undecodable_truncated);
--   * an array of objects (expected_by, media, messages) becomes its JSON
--     text in a String column, for JSONExtract* (visitParam* in 18.16);
--   * true and false become 1 and 0 (UInt8);
--   * `table` is renamed source_table and `end` end_reason (words SQL
--     uses).
-- Fields a later vcflow adds are skipped until a column is added for them
-- (load.sh sets input_format_skip_unknown_fields); loaded_at is when the
-- row arrived.  A flow written in pieces (--active-timeout) is a row a
-- piece, with the same flow_id.

CREATE DATABASE IF NOT EXISTS vcflow;

CREATE TABLE IF NOT EXISTS vcflow.flows
(
    sensor String,
    flow_id String,
    community_id String,
    transport String,
    src String,
    sport UInt16,
    dst String,
    dport UInt16,
    first_ts DateTime('UTC'),
    first_ts_us UInt32,
    last_ts DateTime('UTC'),
    last_ts_us UInt32,
    pkts_fwd UInt64,
    bytes_fwd UInt64,
    pkts_rev UInt64,
    bytes_rev UInt64,
    end_reason String,
    app String,
    confidence String,
    product Array(String),
    product_evidence Nullable(String),
    expected_by String,
    expected_by_more Nullable(UInt32),
    function Nullable(String),
    unexpected UInt8,
    reason Nullable(String),
    apps Array(String),
    detail Nullable(String),
    call_id Nullable(String),
    announced_as Nullable(String),
    via_nat Nullable(UInt8),
    product_text Nullable(String),
    source_table Nullable(String),
    blocking Nullable(String),
    vlan Nullable(UInt16),
    tunnel_kind Nullable(String),
    tunnel_layers Nullable(UInt8),
    tunnel_src Nullable(String),
    tunnel_dst Nullable(String),
    tunnel_id Nullable(UInt32),
    dscp_fwd Array(UInt8),
    dscp_rev Array(UInt8),
    tcp_syn_fwd Nullable(UInt8),
    tcp_syn_rev Nullable(UInt8),
    tcp_synack_fwd Nullable(UInt8),
    tcp_synack_rev Nullable(UInt8),
    tcp_fin_fwd Nullable(UInt8),
    tcp_fin_rev Nullable(UInt8),
    tcp_rst_fwd Nullable(UInt8),
    tcp_rst_rev Nullable(UInt8),
    tcp_syns Nullable(UInt32),
    rtp_fwd_ssrc Nullable(String),
    rtp_fwd_pt Nullable(UInt8),
    rtp_fwd_packets Nullable(UInt64),
    rtp_fwd_expected Nullable(UInt64),
    rtp_fwd_lost Nullable(Int64),
    rtp_fwd_duplicates Nullable(UInt64),
    rtp_fwd_reordered Nullable(UInt64),
    rtp_fwd_jitter_ms Nullable(Float64),
    rtp_fwd_clock_hz Nullable(UInt32),
    rtp_rev_ssrc Nullable(String),
    rtp_rev_pt Nullable(UInt8),
    rtp_rev_packets Nullable(UInt64),
    rtp_rev_expected Nullable(UInt64),
    rtp_rev_lost Nullable(Int64),
    rtp_rev_duplicates Nullable(UInt64),
    rtp_rev_reordered Nullable(UInt64),
    rtp_rev_jitter_ms Nullable(Float64),
    rtp_rev_clock_hz Nullable(UInt32),
    fragments Nullable(UInt64),
    icmp_errors Nullable(UInt32),
    icmp_last_type Nullable(UInt8),
    icmp_last_code Nullable(UInt8),
    quoted_flow_id Nullable(String),
    loaded_at DateTime DEFAULT now()
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(first_ts)
ORDER BY (sensor, first_ts, flow_id);

CREATE TABLE IF NOT EXISTS vcflow.calls
(
    sensor String,
    call_id String,
    protocol String,
    status String,
    end_reason String,
    final_code Nullable(UInt16),
    final_reason Nullable(String),
    caller Nullable(String),
    callee Nullable(String),
    user_agents Array(String),
    attempt_ts Nullable(DateTime('UTC')),
    attempt_ts_us Nullable(UInt32),
    ringing_ts Nullable(DateTime('UTC')),
    ringing_ts_us Nullable(UInt32),
    answer_ts Nullable(DateTime('UTC')),
    answer_ts_us Nullable(UInt32),
    end_ts Nullable(DateTime('UTC')),
    end_ts_us Nullable(UInt32),
    post_dial_delay_ms Nullable(Float64),
    flows Array(String),
    rtcp_flows Array(String),
    mos_to_callee Nullable(Float64),
    mos_to_caller Nullable(Float64),
    media String,
    media_dropped UInt32,
    messages String,
    messages_dropped UInt32,
    loaded_at DateTime DEFAULT now()
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(loaded_at)
ORDER BY (sensor, call_id);

CREATE TABLE IF NOT EXISTS vcflow.findings
(
    sensor String,
    severity String,
    kind String,
    summary String,
    time Nullable(DateTime('UTC')),
    time_us Nullable(UInt32),
    count UInt64,
    first_ts Nullable(DateTime('UTC')),
    first_ts_us Nullable(UInt32),
    last_ts Nullable(DateTime('UTC')),
    last_ts_us Nullable(UInt32),
    call_id Nullable(String),
    flows Array(String),
    flows_total UInt32,
    transport Nullable(String),
    src Array(String),
    dst Array(String),
    ports Array(UInt16),
    products Array(String),
    product Nullable(String),
    function Nullable(String),
    source_table Nullable(String),
    blocking Nullable(String),
    blocked Array(String),
    direction Nullable(String),
    fix Nullable(String),
    nft Nullable(String),
    iptables Nullable(String),
    nft_chain Nullable(String),
    fix_note Nullable(String),
    caveat Nullable(String),
    loaded_at DateTime DEFAULT now()
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(loaded_at)
ORDER BY (sensor, severity, kind);

-- The end of a run: what was read, dropped and flowed (the `stats`
-- record), so a sensor that drops packets shows.
CREATE TABLE IF NOT EXISTS vcflow.stats
(
    sensor String,
    packets_read UInt64,
    bytes_read UInt64,
    packets_in_flows UInt64,
    packets_not_ip UInt64,
    packets_undecodable UInt64,
    packets_duplicate UInt64,
    undecodable_truncated Nullable(UInt64),
    undecodable_bad_ip_header Nullable(UInt64),
    undecodable_bad_transport_header Nullable(UInt64),
    undecodable_fragment_without_first Nullable(UInt64),
    undecodable_tunnel_too_deep Nullable(UInt64),
    flows UInt64,
    flows_unexpected UInt64,
    flows_evicted UInt64,
    flows_peak_live UInt64,
    packets_received_by_kernel Nullable(UInt64),
    packets_dropped_by_kernel Nullable(UInt64),
    packets_dropped_by_interface Nullable(UInt64),
    loaded_at DateTime DEFAULT now()
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(loaded_at)
ORDER BY (sensor, loaded_at);

-- The end of a diagnose run (the `summary` record).
CREATE TABLE IF NOT EXISTS vcflow.summaries
(
    sensor String,
    calls_attempted UInt32,
    calls_set_up UInt32,
    calls_failed UInt32,
    findings UInt64,
    blocked Nullable(String),
    flows UInt64,
    at_capture_end UInt64,
    flows_judged_early UInt64,
    index_full UInt64,
    findings_not_kept UInt64,
    loaded_at DateTime DEFAULT now()
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(loaded_at)
ORDER BY (sensor, loaded_at);
