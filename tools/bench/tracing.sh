# Tracing in a benchmark, as in production: spans go over OTLP/HTTP to a receiver that keeps up
# (OtlpSink.java, on core 1 with the load generator), and the hot path that starts a trace of its
# own is sampled at the service's ratio. Sourced by the benches that start services:
#   TRACING=sampled (default) | all (every request traced: the services' ratios at 1) | off (no spans)
#   tracing_start WORK             sets TRACE_ENV, the services' environment for it
#   tracing_stop                   sets TRACE_SPANS, what the receiver got (once the service stopped)
TRACING=${TRACING:-sampled} TRACE_SINK_PID="" TRACE_SINK_LOG="" TRACE_SPANS="tracing off"

tracing_start() {
  local work=$1
  case "$TRACING" in
    off) TRACE_ENV=(QUARKUS_OTEL_SDK_DISABLED=true) ;;
    sampled|all)
      TRACE_SINK_LOG="$work/otlp-sink.log"
      taskset -c 1 java -XX:+UseSerialGC -Xmx64m "$ROOT/tools/bench/OtlpSink.java" 14318 >"$TRACE_SINK_LOG" 2>&1 &
      TRACE_SINK_PID=$!
      wait_for 30 "the OTLP receiver (see $TRACE_SINK_LOG)" grep -q listening "$TRACE_SINK_LOG"
      TRACE_ENV=(OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:14318 QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf)
      if [ "$TRACING" = all ]; then TRACE_ENV+=(TRACING_GATE_SAMPLE_RATIO=1 TRACING_REFRESH_SAMPLE_RATIO=1); fi ;;
    *) fail "TRACING is sampled, all or off" ;;
  esac
}

tracing_stop() {
  [ -n "$TRACE_SINK_PID" ] || return 0
  kill "$TRACE_SINK_PID" 2>/dev/null; wait "$TRACE_SINK_PID" 2>/dev/null || true; TRACE_SINK_PID=""
  TRACE_SPANS="tracing $TRACING: $(sed -n 's/^SINK exports=\([0-9]*\) kilobytes=\([0-9]*\)/\1 exports, \2 KB of spans/p' "$TRACE_SINK_LOG")"
}
