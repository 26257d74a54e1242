# Debian's prometheus-snmp-exporter against srvhealthd on the demo dataset: snmp.yml is generated
# from examples/snmp_exporter/generator.yml by make-snmp-yml.sh (the real generator, base MIBs from
# erlang-snmp), the exporter runs on loopback and /snmp is scraped. Asserted:
#   - every series of the table in examples/snmp_exporter/README.md, with its value;
#   - rows are labelled module/array/device, never with the MIB's column names;
#   - no free text: no srvhOverallMessage, and a rebuild step changes values, not the set of series;
#   - without srvhealthd the scrape succeeds with no srvh series (what SrvhealthMissing relies on);
#     without snmpd it fails (HTTP 500, so Prometheus' up is 0);
#   - the README's alert rules pass promtool's check, and promtool's rule test, fed with these real
#     scrapes as three hosts (degraded arrays, srvhealthd gone, snmpd down), fires exactly the
#     alerts the README says for each.
source "$(dirname "$0")/lib.sh" || exit 1

EX=$SRVH_SOURCE_DIR/examples/snmp_exporter
command -v prometheus-snmp-exporter >/dev/null ||
        fail "prometheus-snmp-exporter is missing (Debian package prometheus-snmp-exporter)"
command -v curl >/dev/null || fail "curl is missing"
command -v promtool >/dev/null || fail "promtool is missing (Debian package prometheus)"

step "make-snmp-yml.sh: generate snmp.yml"
SRVHEALTH_MIB=$SRVH_SOURCE_DIR/mibs/SRVHEALTH-MIB.txt sh "$EX/make-snmp-yml.sh" "$T/snmp.yml" \
        >"$T/generator.log" 2>&1 || { cat "$T/generator.log"; fail "make-snmp-yml.sh failed"; }
tail -n 1 "$T/generator.log"
assert_match 'srvhealth:' "$(head -n 3 "$T/snmp.yml")" "snmp.yml has module srvhealth"

free_tcp_port() {
        local p i
        for ((i = 0; i < 200; i++)); do
                p=$((20000 + RANDOM % 25001))
                if ! ss -Hltn | awk '{print $4}' | grep -Eq "[:.]$p\$"; then
                        echo "$p"
                        return 0
                fi
        done
        fail "no free TCP port found"
}
EXPORTER_PORT=$(free_tcp_port)
URL="http://127.0.0.1:$EXPORTER_PORT/snmp?target=127.0.0.1:$SNMP_PORT&module=srvhealth"

use_fixture "$SRVH_SOURCE_DIR/examples/demo/sysroot"
start_stack 3
wait_for_value "$R.1.1.3.0" 3 5 "srvhOverallStatus critical(3)"
wait_for_value "$R.1.6.2.0" 2 5 "srvhEventLastSeq: the two start-up events"

step "start prometheus-snmp-exporter on 127.0.0.1:$EXPORTER_PORT"
prometheus-snmp-exporter --config.file="$T/snmp.yml" --web.listen-address="127.0.0.1:$EXPORTER_PORT" \
        >>"$T/exporter.log" 2>&1 &
track exporter $!
must_wait "curl -sf -o /dev/null http://127.0.0.1:$EXPORTER_PORT/metrics" 15 "the exporter answers"

scrape() { # FILE: scrape into FILE (exposition lines, no comments); prints the HTTP status
        curl -s -o "$1.raw" -w '%{http_code}' "$URL"
        grep -v '^#' "$1.raw" >"$1" || true
}

step "scrape $URL"
code=$(scrape "$T/scrape1")
assert_eq 200 "$code" "HTTP status"
assert_gt 100 "$(grep -c '^srvh' "$T/scrape1")" "srvh series"

step "the series that examples/snmp_exporter/README.md promises"
sed -nE 's/^\| `(srvh[^`]*)` \|.*/\1/p' "$EX/README.md" >"$T/promised"
assert_gt 5 "$(wc -l <"$T/promised")" "series listed in the README's table"
while IFS= read -r series; do
        grep -Fqx "$series" "$T/scrape1" || {
                grep -F "${series%%\{*}" "$T/scrape1" | head -n 5 >&2
                fail "README promises '$series', the scrape has not (lines of that metric above)"
        }
        echo "  ok: $series"
done <"$T/promised"

step "labels"
labels=$(grep -oE '[{,][A-Za-z_]+=' "$T/scrape1" | tr -d '{,=' | sort -u | xargs)
echo "  label names: $labels"
for l in module array device; do
        assert_match "(^| )$l( |$)" "$labels" "label '$l'"
done
for l in srvhModuleName srvhRaidArrayName srvhRaidMemberDevice srvhModuleIndex srvhRaidArrayIndex; do
        if [[ " $labels " == *" $l "* ]]; then fail "label $l is still there"; fi
done
echo "  ok: no label named after a name or index column"
if grep -q '^srvhOverallMessage' "$T/scrape1"; then fail "srvhOverallMessage is exported"; fi
if grep -Eq '="[^"]*(%|eta |degraded:)' "$T/scrape1"; then
        grep -E '="[^"]*(%|eta |degraded:)' "$T/scrape1" | head -n 3
        fail "a label value carries free text"
fi
echo "  ok: no srvhOverallMessage, no free text in label values"

step "md2's rebuild moves from 37.40 % to 50.00 %: values change, the series stay the same"
begin_change
set_file sys/block/md2/md/sync_completed "1953382400 / 3906764800"
sed -i 's|recovery = 37.4% (730600000/1953382400) finish=143.5min|recovery = 50.0% (976691200/1953382400) finish=114.6min|' \
        "$T/next/proc/mdstat"
commit_change
wait_for_value "$R.1.2.1.1.12.3" 5000 5 "srvhRaidArraySyncProgress of md2"
msg1=$(snmp_get "$R.1.1.4.0")
assert_match '50\.00%' "$msg1" "srvhOverallMessage (SNMP) now says 50.00%"
code=$(scrape "$T/scrape2")
assert_eq 200 "$code" "HTTP status"
assert_eq 'srvhRaidArraySyncProgress{array="md2"} 5000' "$(grep -F 'srvhRaidArraySyncProgress{array="md2"}' "$T/scrape2")" "progress in the scrape"
series() { sed -E 's/ [^ ]+$//' "$1" | grep '^srvh' | sort; }
if ! diff -u --label "series at 37.40 %" --label "series at 50.00 %" <(series "$T/scrape1") <(series "$T/scrape2"); then
        fail "the set of series changed with the rebuild's progress (diff above)"
fi
echo "  ok: the same $(series "$T/scrape2" | wc -l) series, new values"

step "srvhealthd stopped: the scrape succeeds without srvh series"
stop_srvhealthd
must_wait "! subtree_answers" 10 "the subtree reads noSuchObject"
code=$(scrape "$T/scrape3")
assert_eq 200 "$code" "HTTP status (Prometheus: up 1)"
assert_eq 0 "$(grep -c '^srvh' "$T/scrape3" || true)" "srvh series"

step "snmpd stopped: the scrape fails"
stop_snmpd
code=$(scrape "$T/scrape4")
assert_eq 500 "$code" "HTTP status (Prometheus: up 0)"

step "the README's alert rules: promtool check rules"
awk '/^## Alerts/ { a = 1 } a && /^```yaml/ { y = 1; next } y && /^```/ { exit } y { print }' \
        "$EX/README.md" >"$T/rules.yml"
[[ -s $T/rules.yml ]] || fail "no yaml block under '## Alerts' in $EX/README.md"
promtool check rules "$T/rules.yml" | sed 's/^/    /'

step "promtool test rules: the three scrapes as three hosts"
# Each scrape's srvh series, labelled as Prometheus would (job, instance), held for 15 minutes.
as_series() { # FILE INSTANCE
        local name value labels
        { grep '^srvh' "$1" || true; } | while read -r name value; do
                labels='job="srvhealth",instance="'"$2"'"'
                if [[ $name == *'{'* ]]; then
                        labels="${name#*\{}"
                        labels="${labels%\}},job=\"srvhealth\",instance=\"$2\""
                        name=${name%%\{*}
                fi
                printf "      - series: '%s{%s}'\n        values: '%sx15'\n" "$name" "$labels" "$value"
        done
}
{
        echo "rule_files: [rules.yml]"
        echo "evaluation_interval: 1m"
        echo "tests:"
        echo "  - interval: 1m"
        echo "    input_series:"
        echo "      - series: 'up{job=\"srvhealth\",instance=\"raid\"}'"
        echo "        values: '1x15'"
        echo "      - series: 'up{job=\"srvhealth\",instance=\"gone\"}'"
        echo "        values: '1x15'"
        echo "      - series: 'up{job=\"srvhealth\",instance=\"down\"}'"
        echo "        values: '0x15'"
        as_series "$T/scrape1" raid
        as_series "$T/scrape3" gone
        cat <<'EOF2'
    alert_rule_test:
      - eval_time: 10m
        alertname: SrvhealthTargetDown
        exp_alerts:
          - exp_labels: {job: srvhealth, instance: down}
      - eval_time: 10m
        alertname: SrvhealthMissing
        exp_alerts:
          - exp_labels: {job: srvhealth, instance: gone}
      - eval_time: 10m
        alertname: ServerHealthNotOk
        exp_alerts:
          - exp_labels: {job: srvhealth, instance: raid}
      - eval_time: 10m
        alertname: RaidArrayCritical
        exp_alerts:
          - exp_labels: {job: srvhealth, instance: raid, array: md1, srvhRaidArrayHealth: critical}
EOF2
} >"$T/rules_test.yml"
echo "  $(grep -c 'series:' "$T/rules_test.yml") input series"
(cd "$T" && promtool test rules rules_test.yml) | sed 's/^/    /' ||
        fail "promtool test rules: the README's alerts do not fire as documented"
step PASS
