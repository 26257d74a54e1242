/* The exec notifications: compares two snapshots of srvhExtTable by check name and appends
 * srvhCheckFailed / srvhCheckRecovered events, with name, state, first output line and exit
 * code. Also the Nagios status mapping. Pure: no clock, no I/O. */
#include "exec/exec_model.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "srvhealth/oids.h"

enum srvh_health exec_run_status(bool exited, int exit_code, int run_error)
{
        if (run_error || !exited)
                return SRVH_HEALTH_UNKNOWN;
        switch (exit_code) {
        case 0:
                return SRVH_HEALTH_OK;
        case 1:
                return SRVH_HEALTH_WARNING;
        case 2:
                return SRVH_HEALTH_CRITICAL;
        default:
                return SRVH_HEALTH_UNKNOWN;
        }
}

enum srvh_health exec_view_status(const struct exec_view *v)
{
        return v->run ? v->run->status : SRVH_HEALTH_UNKNOWN;
}

static const struct exec_view *find_view(const struct exec_data *d, const char *name)
{
        for (size_t i = 0; d && i < d->n; i++) {
                if (strcmp(d->views[i].name, name) == 0)
                        return &d->views[i];
        }
        return NULL;
}

static const char *first_line(const struct exec_run *r)
{
        if (r->run_error)
                return r->error;
        if (r->timed_out)
                return "timed out; process group killed";
        return r->out->n_lines ? r->out->lines[0] : "";
}

int exec_diff(const struct exec_data *old, const struct exec_data *new_data, struct event_list *out)
{
        for (size_t i = 0; new_data && i < new_data->n; i++) {
                const struct exec_view *n = &new_data->views[i];
                if (!n->run)
                        continue;
                const struct exec_view *o = find_view(old, n->name);
                bool had = o && o->run;
                enum srvh_health ns = n->run->status;
                enum srvh_health os = had ? o->run->status : SRVH_HEALTH_OK;
                if (ns == os)
                        continue;
                const char *was = had ? srvh_health_name(os) : "";
                uint32_t code = n->run->exited ? (uint32_t)n->run->exit_code : 0;
                int r;
                if (ns == SRVH_HEALTH_OK)
                        r = event_add(out, SRVH_TRAP_CHECK_RECOVERED, SRVH_HEALTH_OK, n->name, "ok",
                                      was, code, "%s", first_line(n->run));
                else
                        r = event_add(out, SRVH_TRAP_CHECK_FAILED, ns, n->name,
                                      srvh_health_name(ns), was, code, "%s", first_line(n->run));
                if (r < 0)
                        return r;
        }
        return 0;
}

struct exec_run *exec_run_ref(struct exec_run *r)
{
        if (r)
                atomic_fetch_add_explicit(&r->refs, 1, memory_order_relaxed);
        return r;
}

void exec_run_unref(struct exec_run *r)
{
        if (!r || atomic_fetch_sub_explicit(&r->refs, 1, memory_order_acq_rel) != 1)
                return;
        exec_output_free(r->out);
        free(r);
}

void exec_data_free(void *p)
{
        struct exec_data *d = p;
        if (!d)
                return;
        for (size_t i = 0; i < d->n; i++)
                exec_run_unref(d->views[i].run);
        free(d->views);
        free(d->rows);
        free(d->line_rows);
        free(d->ucd_rows);
        free(d->idx);
        free(d);
}
