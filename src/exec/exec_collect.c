/* The exec collector: runs the configured checks through core/runner on a small pool of worker
 * threads (execParallel at once), each on its own schedule, and publishes srvhExtTable and
 * srvhExtOutputTable from the last finished run of every check. A poll never waits for a check:
 * it starts what is due, copies what has finished and returns; a worker that finishes a run
 * wakes the collector through its eventfd (ctx->wait_fd) so the result is served at once. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "core/module.h"
#include "core/runner.h"
#include "core/strbuf.h"
#include "exec/exec_config.h"
#include "exec/exec_fixq.h"
#include "exec/exec_model.h"
#include "srvhealth/oids.h"

#define EXEC_QUEUE_MAX EXEC_CHECKS_MAX

/* What a worker runs: a copy of everything, so the config may change meanwhile. */
struct exec_job {
        uint64_t id;
        struct exec_cmd cmd;
        unsigned timeout_s;
        size_t max_bytes, max_lines;
        bool set_ids;
        uid_t uid;
        gid_t gid;
        char user_error[EXEC_ERROR_MAX]; /* non-empty: do not run, report this */
        bool is_fix; /* an errFix run of the check's execfix command, not the check */
};

/* One configured check and its last result. */
struct exec_slot {
        char name[EXEC_NAME_MAX + 1];
        struct exec_cmd cmd;
        int64_t due_ms;  /* monotonic: when it runs next */
        uint64_t job_id; /* the run in progress, 0 when idle */
        uint32_t runs;
        struct exec_run *last;
        uint64_t fix_job_id;    /* the errFix run in progress, 0 when none */
        int64_t fix_started_ms; /* monotonic: when the last errFix run was queued, 0 never */
        uint32_t fix_runs;
};

/* Collector state. Owner: the collector thread (init allocates, teardown frees); the fields
 * after lock are shared with the workers. */
struct exec_priv {
        const void *conf_seen; /* the config the slots were built from */
        int cancel_fd;
        pthread_t workers[EXEC_PARALLEL_MAX];
        size_t n_workers;
        int done_fd; /* eventfd: a run finished */
        pthread_mutex_t lock;
        pthread_cond_t cond;
        bool stop;
        struct exec_slot *slots;
        size_t n_slots;
        struct exec_job *queue[EXEC_QUEUE_MAX];
        size_t q_head, q_len;
        uint64_t next_id;
        struct strbuf fix_note; /* errFix outcomes since the last poll, for the agent's log */
        char fix_note_buf[SNAP_TEXT_MAX];
};

static int64_t wall_now(void)
{
        return (int64_t)time(NULL);
}

/* Join stdout and stderr (stderr after stdout, as a terminal would mostly show them). */
static struct exec_run *finish_run(const struct exec_job *job, const struct runner_result *res,
                                   int r, int64_t started)
{
        struct exec_run *run = calloc(1, sizeof(*run));
        if (!run)
                return NULL;
        atomic_init(&run->refs, 1);
        run->started = started;
        struct exec_output_caps caps = {job->max_lines, EXEC_LINE_MAX};
        char *text = NULL;
        size_t len = 0;
        if (r < 0) {
                run->run_error = r;
                snprintf(run->error, sizeof(run->error), "cannot run %.100s: %s", job->cmd.path,
                         strerror(-r));
        } else {
                run->duration_ms =
                    res->duration_ms > UINT32_MAX ? UINT32_MAX : (uint32_t)res->duration_ms;
                run->exited = res->term_signal == 0 && !res->timed_out && !res->cancelled;
                run->exit_code = res->exit_code;
                run->term_signal = res->term_signal;
                run->timed_out = res->timed_out;
                run->truncated = res->out.truncated || res->err.truncated;
                size_t n1 = res->out.len, n2 = res->err.len;
                bool nl = n1 && n2 && res->out.data[n1 - 1] != '\n';
                text = malloc(n1 + n2 + 2);
                if (text) {
                        if (n1)
                                memcpy(text, res->out.data, n1);
                        len = n1;
                        if (nl)
                                text[len++] = '\n';
                        if (n2)
                                memcpy(text + len, res->err.data, n2);
                        len += n2;
                }
        }
        if (exec_output_parse(text, text ? len : 0, &caps, &run->out) < 0) {
                free(text);
                free(run);
                return NULL;
        }
        free(text);
        run->truncated |= run->out->truncated;
        run->status = exec_run_status(run->exited, run->exit_code, run->run_error);
        return run;
}

static struct exec_run *run_job(const struct exec_job *job, int cancel_fd)
{
        int64_t started = wall_now();
        if (job->user_error[0]) {
                struct runner_result none = {0};
                struct exec_run *run = finish_run(job, &none, -EPERM, started);
                if (run)
                        snprintf(run->error, sizeof(run->error), "%s", job->user_error);
                return run;
        }
        const char *argv[EXEC_ARGS_MAX + 4];
        exec_cmd_argv(&job->cmd, argv, sizeof(argv) / sizeof(argv[0]));
        struct runner_spec spec = RUNNER_SPEC_INIT;
        spec.argv = argv;
        spec.timeout_ms = job->timeout_s * 1000u;
        spec.cancel_fd = cancel_fd;
        spec.set_ids = job->set_ids;
        spec.uid = job->uid;
        spec.gid = job->gid;
        spec.out = (struct runner_cap){job->max_bytes, job->max_lines};
        spec.err = (struct runner_cap){job->max_bytes, job->max_lines};
        struct runner_result res = {0};
        int r = runner_run(&spec, &res);
        struct exec_run *run = finish_run(job, &res, r, started);
        runner_result_free(&res);
        return run;
}

static void kick(int fd)
{
        uint64_t one = 1;
        ssize_t w = write(fd, &one, sizeof(one));
        (void)w; /* EAGAIN: a wake-up is pending already */
}

/* Say how an errFix run ended, for the log (the agent logs each note once), and run the check
 * again at once so its row shows whether the fix helped. Called with the lock held. */
static void fix_finished(struct exec_priv *p, const struct exec_job *job,
                         const struct exec_run *run)
{
        for (size_t i = 0; i < p->n_slots; i++) {
                struct exec_slot *s = &p->slots[i];
                if (s->fix_job_id != job->id)
                        continue;
                s->fix_job_id = 0;
                s->fix_runs++;
                s->due_ms = 0;
                const char *who = job->set_ids ? "uid " : "srvhealthd's own uid";
                char uid[16] = "";
                if (job->set_ids)
                        snprintf(uid, sizeof(uid), "%u", (unsigned)job->uid);
                if (!run)
                        strbuf_append_sep(&p->fix_note, "; ", "errFix %s: out of memory", s->name);
                else if (run->run_error)
                        strbuf_append_sep(&p->fix_note, "; ", "errFix %s: fix not run: %s", s->name,
                                          run->error);
                else if (run->timed_out)
                        strbuf_append_sep(&p->fix_note, "; ",
                                          "errFix %s: fix #%u (%s%s) timed out after %u s", s->name,
                                          s->fix_runs, who, uid, job->timeout_s);
                else
                        strbuf_append_sep(
                            &p->fix_note, "; ", "errFix %s: fix #%u (%s%s) %s %d in %u ms: %.60s",
                            s->name, s->fix_runs, who, uid,
                            run->exited ? "exited" : "killed by signal",
                            run->exited ? run->exit_code : run->term_signal, run->duration_ms,
                            run->out->n_lines ? run->out->lines[0] : "");
                return;
        }
}

static void *worker_main(void *arg)
{
        struct exec_priv *p = arg;
        pthread_mutex_lock(&p->lock);
        for (;;) {
                while (!p->stop && p->q_len == 0)
                        pthread_cond_wait(&p->cond, &p->lock);
                if (p->stop)
                        break;
                struct exec_job *job = p->queue[p->q_head];
                p->q_head = (p->q_head + 1) % EXEC_QUEUE_MAX;
                p->q_len--;
                pthread_mutex_unlock(&p->lock);

                struct exec_run *run = run_job(job, p->cancel_fd);

                pthread_mutex_lock(&p->lock);
                if (job->is_fix) {
                        fix_finished(p, job, run);
                        exec_run_unref(run);
                        free(job);
                        kick(p->done_fd);
                        continue;
                }
                for (size_t i = 0; i < p->n_slots; i++) {
                        struct exec_slot *s = &p->slots[i];
                        if (s->job_id != job->id)
                                continue;
                        s->job_id = 0;
                        if (run) {
                                exec_run_unref(s->last);
                                s->last = run;
                                run = NULL;
                                s->runs++;
                        }
                        break;
                }
                exec_run_unref(run); /* the check is no longer configured */
                free(job);
                kick(p->done_fd);
        }
        pthread_mutex_unlock(&p->lock);
        return NULL;
}

static void exec_teardown(struct module_ctx *ctx)
{
        struct exec_priv *p = ctx->priv;
        if (!p)
                return;
        exec_fixq_attach(-1);
        pthread_mutex_lock(&p->lock);
        p->stop = true;
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
        /* A worker inside runner_run() returns once the cancel fd (the daemon's stop) fires. */
        for (size_t i = 0; i < p->n_workers; i++)
                pthread_join(p->workers[i], NULL);
        for (size_t i = 0; i < p->q_len; i++)
                free(p->queue[(p->q_head + i) % EXEC_QUEUE_MAX]);
        for (size_t i = 0; i < p->n_slots; i++)
                exec_run_unref(p->slots[i].last);
        free(p->slots);
        if (p->done_fd >= 0)
                close(p->done_fd);
        pthread_cond_destroy(&p->cond);
        pthread_mutex_destroy(&p->lock);
        free(p);
        ctx->priv = NULL;
        ctx->wait_fd = -1;
}

static int exec_init(struct module_ctx *ctx)
{
        const struct exec_config *c = ctx->config;
        struct exec_priv *p = calloc(1, sizeof(*p));
        if (!p)
                return -ENOMEM;
        p->done_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (p->done_fd < 0) {
                int e = -errno;
                free(p);
                return e;
        }
        pthread_mutex_init(&p->lock, NULL);
        pthread_cond_init(&p->cond, NULL);
        p->cancel_fd = ctx->cancel_fd;
        p->next_id = 1;
        strbuf_init(&p->fix_note, p->fix_note_buf, sizeof(p->fix_note_buf));
        ctx->priv = p;
        ctx->wait_fd = p->done_fd;
        /* Workers inherit the collector thread's mask (every signal blocked). The pool size is
         * read once: execParallel takes effect at restart. */
        size_t n = c && c->parallel ? c->parallel : EXEC_DEFAULT_PARALLEL;
        for (size_t i = 0; i < n; i++) {
                int r = pthread_create(&p->workers[i], NULL, worker_main, p);
                if (r != 0) {
                        exec_teardown(ctx);
                        return -r;
                }
                p->n_workers++;
        }
        exec_fixq_attach(p->done_fd); /* a SET of errFix wakes us like a finished run */
        return 0;
}

static int exec_fd_ready(struct module_ctx *ctx)
{
        struct exec_priv *p = ctx->priv;
        uint64_t v;
        ssize_t r = read(p->done_fd, &v, sizeof(v));
        return r == (ssize_t)sizeof(v) ? 1 : 0;
}

/* New slots for a new config, keeping the result (and a run in progress) of every check whose
 * name and command stayed the same. Called with the lock held. */
static int rebuild_slots(struct exec_priv *p, const struct exec_config *c, int64_t now)
{
        struct exec_slot *v = calloc(c->n_checks ? c->n_checks : 1, sizeof(*v));
        if (!v)
                return -ENOMEM;
        for (size_t i = 0; i < c->n_checks; i++) {
                const struct exec_check *k = &c->checks[i];
                struct exec_slot *s = &v[i];
                snprintf(s->name, sizeof(s->name), "%s", k->name);
                s->cmd = k->cmd;
                s->due_ms = now;
                for (size_t j = 0; j < p->n_slots; j++) {
                        struct exec_slot *o = &p->slots[j];
                        if (strcmp(o->name, k->name) != 0 ||
                            memcmp(&o->cmd, &k->cmd, sizeof(o->cmd)) != 0)
                                continue;
                        s->job_id = o->job_id;
                        s->runs = o->runs;
                        s->last = o->last;
                        s->fix_job_id = o->fix_job_id;
                        s->fix_started_ms = o->fix_started_ms;
                        s->fix_runs = o->fix_runs;
                        o->last = NULL;
                        break;
                }
        }
        for (size_t j = 0; j < p->n_slots; j++)
                exec_run_unref(p->slots[j].last);
        free(p->slots);
        p->slots = v;
        p->n_slots = c->n_checks;
        return 0;
}

/* Who checks run as: execUser, else nobody when we are root, else ourselves. */
static void job_user(const struct exec_config *c, struct exec_job *job)
{
        if (c->user_resolved) {
                job->set_ids = geteuid() == 0;
                job->uid = c->uid;
                job->gid = c->gid;
                return;
        }
        if (geteuid() != 0)
                return;
        struct passwd pw, *res = NULL;
        char buf[2048];
        if (getpwnam_r("nobody", &pw, buf, sizeof(buf), &res) != 0 || !res) {
                snprintf(job->user_error, sizeof(job->user_error),
                         "no user 'nobody' to run checks as: set execUser");
                return;
        }
        job->set_ids = true;
        job->uid = res->pw_uid;
        job->gid = res->pw_gid;
}

static bool queue_job(struct exec_priv *p, struct exec_job *job)
{
        if (p->q_len == EXEC_QUEUE_MAX)
                return false;
        p->queue[(p->q_head + p->q_len) % EXEC_QUEUE_MAX] = job;
        p->q_len++;
        pthread_cond_signal(&p->cond);
        return true;
}

/* The errFix requests the SNMP thread queued: each names a check; its fix runs only if this
 * config still has an execfix line for it, enabled, none is running and the last one is older
 * than execfixInterval (the SNMP thread checked all this before it accepted the SET; a reload
 * may have changed it since). Called with the lock held. */
static void start_fixes(struct exec_priv *p, const struct exec_config *c, int64_t now)
{
        char names[EXEC_FIXQ_MAX][EXEC_NAME_MAX + 1];
        size_t n = exec_fixq_take(names, EXEC_FIXQ_MAX);
        for (size_t r = 0; r < n; r++) {
                size_t i = 0;
                while (i < p->n_slots && strcmp(p->slots[i].name, names[r]) != 0)
                        i++;
                const struct exec_check *k = i < p->n_slots ? &c->checks[i] : NULL;
                if (!k || !k->has_fix || !k->fix_enabled) {
                        strbuf_append_sep(&p->fix_note, "; ",
                                          "errFix %s: not run, errFix is not enabled for it",
                                          names[r]);
                        continue;
                }
                struct exec_slot *s = &p->slots[i];
                int64_t gap = (int64_t)exec_check_fix_gap(c, k) * 1000;
                if (s->fix_job_id || (s->fix_started_ms && now - s->fix_started_ms < gap)) {
                        strbuf_append_sep(&p->fix_note, "; ",
                                          "errFix %s: not run, the last fix was less than %u s "
                                          "ago",
                                          s->name, exec_check_fix_gap(c, k));
                        continue;
                }
                struct exec_job *job = calloc(1, sizeof(*job));
                if (!job)
                        return;
                job->id = p->next_id++;
                job->is_fix = true;
                job->cmd = k->fix;
                job->timeout_s = exec_check_timeout(c, k);
                job->max_bytes = c->max_bytes;
                job->max_lines = c->max_lines;
                job_user(c, job);
                if (!queue_job(p, job)) {
                        free(job);
                        strbuf_append_sep(&p->fix_note, "; ", "errFix %s: not run, queue full",
                                          s->name);
                        continue;
                }
                s->fix_job_id = job->id;
                s->fix_started_ms = now;
        }
}

/* Queue every idle check that is due. Called with the lock held. */
static void start_due(struct exec_priv *p, const struct exec_config *c, int64_t now)
{
        for (size_t i = 0; i < p->n_slots; i++) {
                struct exec_slot *s = &p->slots[i];
                if (s->job_id || s->due_ms > now || p->q_len == EXEC_QUEUE_MAX)
                        continue;
                const struct exec_check *k = &c->checks[i];
                struct exec_job *job = calloc(1, sizeof(*job));
                if (!job)
                        return;
                job->id = p->next_id++;
                job->cmd = k->cmd;
                job->timeout_s = exec_check_timeout(c, k);
                job->max_bytes = c->max_bytes;
                job->max_lines = c->max_lines;
                job_user(c, job);
                if (!queue_job(p, job)) {
                        free(job);
                        return;
                }
                s->job_id = job->id;
                /* The next run is due one interval after this one was started. */
                s->due_ms = now + (int64_t)exec_check_interval(c, k) * 1000;
        }
}

static int build_data(struct exec_priv *p, const struct exec_config *c, struct exec_data *d)
{
        d->views = calloc(p->n_slots ? p->n_slots : 1, sizeof(*d->views));
        d->rows = calloc(p->n_slots ? p->n_slots : 1, sizeof(*d->rows));
        size_t lines = 0;
        for (size_t i = 0; i < p->n_slots; i++)
                lines += p->slots[i].last ? p->slots[i].last->out->n_lines : 0;
        d->line_rows = calloc(lines ? lines : 1, sizeof(*d->line_rows));
        d->ucd_rows = calloc(p->n_slots ? p->n_slots : 1, sizeof(*d->ucd_rows));
        /* one index per row: the name (length + octets), plus the line number */
        size_t per = 1 + EXEC_NAME_MAX + 1;
        d->idx = calloc((p->n_slots + lines) * per + 1, sizeof(*d->idx));
        if (!d->views || !d->rows || !d->line_rows || !d->ucd_rows || !d->idx)
                return -ENOMEM;
        uint32_t *ip = d->idx;
        for (size_t i = 0; i < p->n_slots; i++) {
                const struct exec_slot *s = &p->slots[i];
                const struct exec_check *k = &c->checks[i];
                struct exec_view *v = &d->views[d->n];
                snprintf(v->name, sizeof(v->name), "%s", s->name);
                snprintf(v->command, sizeof(v->command), "%s", k->cmd.text);
                if (k->has_fix)
                        snprintf(v->fix_command, sizeof(v->fix_command), "%s", k->fix.text);
                v->position = (unsigned)i + 1;
                v->interval_s = exec_check_interval(c, k);
                v->timeout_s = exec_check_timeout(c, k);
                v->runs = s->runs;
                v->running = s->job_id != 0;
                v->run = exec_run_ref(s->last);
                int n = mib_index_encode_string(v->name, strlen(v->name), false, ip, per);
                if (n < 0)
                        return n;
                d->rows[d->n] = (struct mib_row){.data = v};
                d->ucd_rows[d->n] = (struct mib_row){.idx = {v->position}, .idx_len = 1, .data = v};
                mib_row_set_index(&d->rows[d->n], ip, (size_t)n);
                ip += n;
                d->n++;
        }
        /* Line rows: index = name encoding + line number. */
        for (size_t i = 0; i < d->n; i++) {
                const struct exec_view *v = &d->views[i];
                size_t nlen;
                const uint32_t *name_idx = mib_row_index(&d->rows[i], &nlen);
                for (size_t l = 0; v->run && l < v->run->out->n_lines; l++) {
                        memcpy(ip, name_idx, nlen * sizeof(*ip));
                        ip[nlen] = (uint32_t)l + 1;
                        struct mib_row *r = &d->line_rows[d->n_lines++];
                        r->data = v->run->out->lines[l];
                        mib_row_set_index(r, ip, nlen + 1);
                        ip += nlen + 1;
                }
        }
        mib_rows_sort(d->rows, d->n);
        mib_rows_sort(d->line_rows, d->n_lines);
        return 0;
}

static int exec_poll(struct module_ctx *ctx, struct snap *snap)
{
        struct exec_priv *p = ctx->priv;
        const struct exec_config *c = ctx->config;
        struct exec_data *d = calloc(1, sizeof(*d));
        if (!d)
                return -ENOMEM;
        snap->data = d;
        snap->free_data = exec_data_free;

        int64_t now = ctx->now_ms();
        pthread_mutex_lock(&p->lock);
        int r = 0;
        if (c != p->conf_seen) {
                r = rebuild_slots(p, c, now);
                if (r == 0)
                        p->conf_seen = c;
        }
        if (r == 0) {
                start_fixes(p, c, now);
                start_due(p, c, now);
                r = build_data(p, c, d);
        }
        snprintf(snap->note, sizeof(snap->note), "%s", p->fix_note_buf);
        strbuf_init(&p->fix_note, p->fix_note_buf, sizeof(p->fix_note_buf));
        int64_t wake = 0;
        for (size_t i = 0; r == 0 && i < p->n_slots; i++) {
                const struct exec_slot *s = &p->slots[i];
                if (!s->job_id && (wake == 0 || s->due_ms < wake))
                        wake = s->due_ms;
        }
        pthread_mutex_unlock(&p->lock);
        if (r < 0) {
                snprintf(snap->error_text, sizeof(snap->error_text),
                         "out of memory building the check table");
                return r;
        }
        ctx->next_wake_ms = wake;

        snap->health = SRVH_HEALTH_OK;
        struct strbuf msg;
        strbuf_init(&msg, snap->message, sizeof(snap->message));
        for (size_t i = 0; i < d->n; i++) {
                const struct exec_view *v = &d->views[i];
                enum srvh_health h = exec_view_status(v);
                snap->health = srvh_health_worst(snap->health, h);
                if (h == SRVH_HEALTH_OK)
                        continue;
                if (!v->run)
                        strbuf_append_sep(&msg, "; ", "%s: not run yet", v->name);
                else if (v->run->run_error)
                        strbuf_append_sep(&msg, "; ", "%s: %s", v->name, v->run->error);
                else if (v->run->timed_out)
                        strbuf_append_sep(&msg, "; ", "%s: timed out after %u s", v->name,
                                          v->timeout_s);
                else
                        strbuf_append_sep(&msg, "; ", "%s: %s: %s", v->name, srvh_health_name(h),
                                          v->run->out->n_lines ? v->run->out->lines[0] : "");
        }
        snap->tables[0] = (struct mib_rows){.v = d->rows, .n = d->n};
        snap->tables[1] = (struct mib_rows){.v = d->line_rows, .n = d->n_lines};
        snap->tables[EXEC_UCD_ROWS] = (struct mib_rows){.v = d->ucd_rows, .n = d->n};
        return 0;
}

static int exec_snap_diff(const struct snap *old, const struct snap *new_snap, const void *config,
                          struct event_list *out)
{
        (void)config;
        return exec_diff(old ? old->data : NULL, new_snap->data, out);
}

static int truth(bool b)
{
        return b ? 1 : 2;
}

static int get_check(const void *data, unsigned column, struct mib_value *v)
{
        const struct exec_view *c = data;
        const struct exec_run *r = c->run;
        switch (column) {
        case SRVH_EXT_NAMES:
                mib_set_string(v, c->name);
                return 0;
        case SRVH_EXT_COMMAND:
                mib_set_string(v, c->command);
                return 0;
        case SRVH_EXT_STATUS:
                mib_set_int(v, exec_view_status(c));
                return 0;
        case SRVH_EXT_INTERVAL:
                mib_set_gauge(v, c->interval_s);
                return 0;
        case SRVH_EXT_TIMEOUT:
                mib_set_gauge(v, c->timeout_s);
                return 0;
        case SRVH_EXT_RUNS:
                mib_set_counter32(v, c->runs);
                return 0;
        case SRVH_EXT_RUNNING:
                mib_set_int(v, truth(c->running));
                return 0;
        case SRVH_EXT_ERRFIX:
                mib_set_int(v, 0); /* reads 0, as UCD's extErrFix; writing 1 runs the fix */
                return 0;
        case SRVH_EXT_ERRFIX_CMD:
                if (!c->fix_command[0])
                        return -ENOENT;
                mib_set_string(v, c->fix_command);
                return 0;
        default:
                break;
        }
        if (!r)
                return -ENOENT; /* the rest describes a finished run */
        switch (column) {
        case SRVH_EXT_LAST_RUN:
                mib_set_datetime(v, r->started);
                break;
        case SRVH_EXT_DURATION:
                if (r->run_error)
                        return -ENOENT;
                mib_set_gauge(v, r->duration_ms);
                break;
        case SRVH_EXT_TIMED_OUT:
                if (r->run_error)
                        return -ENOENT;
                mib_set_int(v, truth(r->timed_out));
                break;
        case SRVH_EXT_SIGNAL:
                if (r->run_error || !r->term_signal)
                        return -ENOENT;
                mib_set_int(v, r->term_signal);
                break;
        case SRVH_EXT_LINES:
                mib_set_gauge(v, r->out->n_lines);
                break;
        case SRVH_EXT_TRUNCATED:
                mib_set_int(v, truth(r->truncated));
                break;
        case SRVH_EXT_RUN_ERROR:
                if (!r->run_error)
                        return -ENOENT;
                mib_set_string(v, r->error);
                break;
        case SRVH_EXT_RESULT:
                if (!r->exited)
                        return -ENOENT;
                mib_set_int(v, r->exit_code);
                break;
        case SRVH_EXT_OUTPUT:
                mib_set_string(v, r->run_error      ? r->error
                                  : r->out->n_lines ? r->out->lines[0]
                                                    : "");
                break;
        default:
                return -ENOENT;
        }
        return 0;
}

/* A row of UCD-SNMP-MIB's extTable, as snmpd fills it: every column present once a run ended
 * (extErrFixCmd "" without execfix), except extResult while there is no exit status. */
static int get_ucd(const void *data, unsigned column, struct mib_value *v)
{
        const struct exec_view *c = data;
        switch (column) {
        case SRVH_UCD_EXT_INDEX:
                mib_set_int(v, c->position);
                return 0;
        case SRVH_UCD_EXT_ERRFIX_CMD:
                mib_set_string(v, c->fix_command);
                return 0;
        case SRVH_UCD_EXT_NAMES:
        case SRVH_UCD_EXT_COMMAND:
        case SRVH_UCD_EXT_RESULT:
        case SRVH_UCD_EXT_OUTPUT:
        case SRVH_UCD_EXT_ERRFIX:
                return get_check(data, column, v); /* the same sub-identifiers */
        default:
                return -ENOENT;
        }
}

static int get_line(const void *data, unsigned column, struct mib_value *v)
{
        if (column != SRVH_EXT_OUT_LINE)
                return -ENOENT;
        mib_set_string(v, data);
        return 0;
}

static const unsigned check_columns[] = {
    SRVH_EXT_NAMES,     SRVH_EXT_COMMAND,    SRVH_EXT_STATUS,  SRVH_EXT_LAST_RUN,
    SRVH_EXT_DURATION,  SRVH_EXT_TIMED_OUT,  SRVH_EXT_SIGNAL,  SRVH_EXT_LINES,
    SRVH_EXT_TRUNCATED, SRVH_EXT_INTERVAL,   SRVH_EXT_TIMEOUT, SRVH_EXT_RUNS,
    SRVH_EXT_RUN_ERROR, SRVH_EXT_RUNNING,    SRVH_EXT_RESULT,  SRVH_EXT_OUTPUT,
    SRVH_EXT_ERRFIX,    SRVH_EXT_ERRFIX_CMD,
};

static const unsigned ucd_columns[] = {
    SRVH_UCD_EXT_INDEX,  SRVH_UCD_EXT_NAMES,  SRVH_UCD_EXT_COMMAND,    SRVH_UCD_EXT_RESULT,
    SRVH_UCD_EXT_OUTPUT, SRVH_UCD_EXT_ERRFIX, SRVH_UCD_EXT_ERRFIX_CMD,
};

const struct mib_table exec_ucd_table = {
    .name = "extTable",
    .oid = {SRVH_UCD_EXT_ENTRY},
    .oid_len = 1,
    .columns = ucd_columns,
    .n_columns = sizeof(ucd_columns) / sizeof(ucd_columns[0]),
    .get = get_ucd,
};

static const unsigned line_columns[] = {SRVH_EXT_OUT_LINE};

/* Column names for srvhealthd --dump, in the order of the columns above. */
static const char *const check_column_names[] = {
    "srvhExtNames",    "srvhExtCommand", "srvhExtStatus",    "srvhExtLastRun",   "srvhExtDuration",
    "srvhExtTimedOut", "srvhExtSignal",  "srvhExtLines",     "srvhExtTruncated", "srvhExtInterval",
    "srvhExtTimeout",  "srvhExtRuns",    "srvhExtRunError",  "srvhExtRunning",   "srvhExtResult",
    "srvhExtOutput",   "srvhExtErrFix",  "srvhExtErrFixCmd",
};
_Static_assert(sizeof(check_column_names) / sizeof(check_column_names[0]) ==
                   sizeof(check_columns) / sizeof(check_columns[0]),
               "one name per column");
static const char *const line_column_names[] = {
    "srvhExtOutputLine",
};
_Static_assert(sizeof(line_column_names) / sizeof(line_column_names[0]) ==
                   sizeof(line_columns) / sizeof(line_columns[0]),
               "one name per column");
static const char *const *const exec_column_names[] = {check_column_names, line_column_names};

static const struct mib_table exec_tables[] = {
    {
        .name = "srvhExtTable",
        .oid = {SRVH_EXT, SRVH_EXT_TABLE, 1},
        .oid_len = 3,
        .columns = check_columns,
        .n_columns = sizeof(check_columns) / sizeof(check_columns[0]),
        .get = get_check,
    },
    {
        .name = "srvhExtOutputTable",
        .oid = {SRVH_EXT, SRVH_EXT_OUTPUT_TABLE, 1},
        .oid_len = 3,
        .columns = line_columns,
        .n_columns = 1,
        .get = get_line,
    },
};

const struct module_ops exec_module = {
    .index = SRVH_MODULE_EXEC,
    .name = "exec",
    .default_interval = 60,
    .default_timeout = 5,
    .config = &exec_config_ops,
    .tables = exec_tables,
    .n_tables = sizeof(exec_tables) / sizeof(exec_tables[0]),
    .column_names = exec_column_names,
    .init = exec_init,
    .poll = exec_poll,
    .fd_ready = exec_fd_ready,
    .teardown = exec_teardown,
    .diff = exec_snap_diff,
};
