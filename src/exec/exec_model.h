/* What one run of a check produced and how the exec module's snapshot holds its checks: shared by
 * the collector (exec_collect.c), the diff (exec_diff.c) and their tests. The status mapping and
 * the diff are pure. */
#ifndef SRVH_EXEC_MODEL_H
#define SRVH_EXEC_MODEL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/events.h"
#include "core/mibtree.h"
#include "exec/exec_config.h"
#include "exec/exec_output.h"
#include "srvhealth/enums.h"

#define EXEC_ERROR_MAX 160

/* One finished run. Immutable once built, shared by the collector's slot and every snapshot
 * that serves it: freed with the last exec_run_unref(). */
struct exec_run {
        atomic_uint refs;
        int64_t started;            /* wall clock, unix seconds */
        uint32_t duration_ms;       /* fork to reap */
        int run_error;              /* 0, or -errno: the command could not be started */
        char error[EXEC_ERROR_MAX]; /* why, when run_error != 0 */
        bool exited;                /* ended by exit(): exit_code is its status */
        int exit_code;
        int term_signal; /* the signal that ended it, or 0 */
        bool timed_out;  /* the timeout killed its process group */
        bool truncated;  /* output cut by execOutputMax or the line caps */
        enum srvh_health status;
        struct exec_output *out; /* never NULL */
};

struct exec_run *exec_run_ref(struct exec_run *r);
void exec_run_unref(struct exec_run *r); /* accepts NULL */

/* Nagios' meaning of a run: exit 0 ok, 1 warning, 2 critical, 3 (or any other status) unknown;
 * a run that could not start, was killed or timed out is unknown. */
enum srvh_health exec_run_status(bool exited, int exit_code, int run_error);

/* One row of srvhExtTable as a snapshot holds it. */
struct exec_view {
        char name[EXEC_NAME_MAX + 1];
        char command[EXEC_CMD_MAX];
        char fix_command[EXEC_CMD_MAX]; /* "" without execfix */
        unsigned position;              /* 1-based, config order (the UCD extIndex) */
        unsigned interval_s, timeout_s;
        uint32_t runs;
        bool running;
        struct exec_run *run; /* a reference; NULL before the first run ended */
};

/* Snapshot payload. Owner: the snapshot (exec_data_free). */
struct exec_data {
        struct exec_view *views; /* config order */
        size_t n;
        struct mib_row *rows, *line_rows;
        struct mib_row *ucd_rows; /* the same views indexed by position, for the UCD extTable */
        size_t n_lines;
        uint32_t *idx; /* the rows' long indexes */
};

void exec_data_free(void *p);

/* Where a snapshot of the exec module carries the UCD extTable rows (snap.tables[]): not one
 * of the module's srvhObjects tables; src/agent/ucd_ext.c serves them when serveUcdExtTable is
 * yes, with this table (entry OID {1} relative to UCD's extTable arc, .1.3.6.1.4.1.2021.8). */
#define EXEC_UCD_ROWS 2
extern const struct mib_table exec_ucd_table;

/* The check's health as served and combined: its last run's status, unknown before one. */
enum srvh_health exec_view_status(const struct exec_view *v);

/* srvhCheckFailed for a check that turned non-ok (or changed between warning, critical and
 * unknown), srvhCheckRecovered for one that is ok again; old NULL is the first snapshot, where
 * every non-ok check raises. Checks without a finished run are skipped. Pure. */
int exec_diff(const struct exec_data *old, const struct exec_data *new_data,
              struct event_list *out);

#endif
