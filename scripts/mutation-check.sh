#!/usr/bin/env bash
# Mutation check of the frame: applies one deliberate bug at a time (back-off, queue bound and
# order, deadline watchdog, handler exceptions and order, tree check) to a scratch copy of the
# tree, rebuilds, runs the unit and integration tests, and reports whether the suite caught it.
# A mutation that survives is a hole in the tests. Not part of CI (about 5 minutes); run it after
# changing the scheduler, the walker or the handler: bash scripts/mutation-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/srvh-mut.XXXXXX")
trap 'rm -rf "$work"' EXIT
git ls-files -z | xargs -0 cp --parents -t "$work"
cmake -S "$work" -B "$work/build" -DSRVH_WERROR=OFF >/dev/null
cmake --build "$work/build" -j "$(nproc)" >/dev/null

# file | exact text | replacement | what the bug is
mutations=$(cat <<'LIST'
src/core/sched.c|factor *= 2;|factor *= 3;|back-off grows by 3x instead of 2x
src/core/sched.c|factor < SCHED_BACKOFF_MAX_FACTOR;|factor < 2 * SCHED_BACKOFF_MAX_FACTOR;|back-off cap at 32x instead of 16x
src/core/sched.c|                failures = 0;|                (void)0;|success does not reset the back-off
src/core/sched.c|if (++c->queued > SCHED_QUEUE_MAX) {|if (++c->queued > SCHED_QUEUE_MAX + 1) {|queue bound one too high
src/core/sched.c|                dropped = c->head;\n                c->head = dropped->next;|                dropped = c->head->next;\n                c->head->next = dropped->next;|a full queue drops the second-oldest, not the oldest
src/core/sched.c|bool over = watch && now >= deadline;|bool over = watch && now > deadline + 1000;|overrun reported a second late
src/core/sched.c|                        if (over)\n                                c->overrun_reported = true;|                        (void)0;|overrun reported at every watchdog pass
src/agent/handler.c|r == -ESRCH ? SNMP_NOSUCHINSTANCE : SNMP_NOSUCHOBJECT|r == -ESRCH ? SNMP_NOSUCHOBJECT : SNMP_NOSUCHINSTANCE|noSuchInstance and noSuchObject swapped
src/agent/handler.c|netsnmp_set_request_error(reqinfo, req,\n                                          r == -ESRCH|netsnmp_set_request_error(NULL, req,\n                                          r == -ESRCH|GET errors dropped (reqinfo NULL)
src/agent/handler.c|        for (netsnmp_request_info *req = requests; req; req = req->next) {|        for (netsnmp_request_info *req = requests; req; req = req->next ? req->next->next : NULL) {|every second varbind of a request skipped
src/core/mibtree.c|if (inst_cmp_oid(ret, name, len) <= 0)|if (0)|GETNEXT order check removed (rows out of order answer backwards)
src/core/mibtree.c|if (inst_cmp_oid(ret, name, len) <= 0)|if (inst_cmp_oid(ret, name, len) < 0)|GETNEXT order check lets the requested instance itself through
src/core/mibtree.c|t->columns[c] <= t->columns[c - 1])|t->columns[c] < t->columns[c - 1])|tree check accepts a repeated column
src/core/sched.c|event_list_prepend(&c->head->events, &dropped->events, SCHED_EVENTS_CARRY_MAX);|(long)dropped->events.n;|a dropped snapshot's events are lost, not carried
src/agent/agent.c|                ss->retries = 0;|                ss->retries = 5;|the library retransmits a Notify the master answers late
LIST
)

killed=0 survived=0 broken=0
while IFS='|' read -r file from to what; do
        [[ -n $file ]] || continue
        cp "$repo/$file" "$work/$file"
        if ! python3 - "$work/$file" "$from" "$to" <<'PY'
import sys
path, a, b = sys.argv[1], sys.argv[2].replace('\\n', '\n'), sys.argv[3].replace('\\n', '\n')
s = open(path).read()
if s.count(a) != 1:
    sys.exit(1)
open(path, 'w').write(s.replace(a, b))
PY
        then
                echo "BROKEN   $what: text not found once in $file (update this list)"
                broken=$((broken + 1))
                continue
        fi
        if ! cmake --build "$work/build" -j "$(nproc)" >/dev/null 2>&1; then
                echo "KILLED   $what (does not build)"
                killed=$((killed + 1))
        elif (cd "$work/build" && ctest -j "$(nproc)" -L 'unit|integration' -E valgrind \
                --timeout 120 >"$work/ctest.log" 2>&1); then
                echo "SURVIVED $what"
                survived=$((survived + 1))
        else
                echo "KILLED   $what by: $(grep -E '^[[:space:]]*[0-9]+ - ' "$work/ctest.log" | awk '{print $3}' | tr '\n' ' ')"
                killed=$((killed + 1))
        fi
        cp "$repo/$file" "$work/$file"
done <<<"$mutations"
cmake --build "$work/build" -j "$(nproc)" >/dev/null 2>&1 || true
echo "mutations: $killed killed, $survived survived, $broken not applied"
[ "$survived" -eq 0 ] && [ "$broken" -eq 0 ]
