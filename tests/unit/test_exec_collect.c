/* The exec collector (src/exec/exec_collect.c) with real children: a poll starts due checks and
 * returns at once, a finished run wakes the collector through wait_fd and is served by the next
 * poll, a hanging check does not hold up another one, and stop cancels a running check. */
#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/config.h"
#include "core/module.h"
#include "exec/exec_config.h"
#include "exec/exec_model.h"
#include "srvhealth/oids.h"

extern const struct module_ops exec_module;

static int64_t mono_ms(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct fixture {
        struct exec_config *cfg;
        struct module_ctx ctx;
        int cancel_fd;
};

static void line(struct fixture *f, const char *token, const char *args)
{
        char err[CONFIG_ERR_MAX] = "";
        if (exec_config_ops.parse(f->cfg, token, args, err, sizeof(err)) < 0)
                fail_msg("%s %s: %s", token, args, err);
}

static int setup(void **state)
{
        static struct fixture f;
        memset(&f, 0, sizeof(f));
        f.cfg = exec_config_ops.new_config();
        f.cancel_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        f.ctx = (struct module_ctx){.sysroot = "/",
                                    .config = f.cfg,
                                    .cancel_fd = f.cancel_fd,
                                    .wait_fd = -1,
                                    .now_ms = mono_ms};
        *state = &f;
        return f.cfg && f.cancel_fd >= 0 ? 0 : -1;
}

static int teardown(void **state)
{
        struct fixture *f = *state;
        uint64_t one = 1;
        assert_int_equal(write(f->cancel_fd, &one, sizeof(one)), sizeof(one));
        if (f->ctx.priv)
                exec_module.teardown(&f->ctx);
        close(f->cancel_fd);
        exec_config_ops.free_config(f->cfg);
        return 0;
}

static struct snap *poll_snap(struct fixture *f)
{
        struct snap *s = snap_new();
        assert_non_null(s);
        assert_int_equal(exec_module.poll(&f->ctx, s), 0);
        return s;
}

static const struct exec_view *view(const struct snap *s, const char *name)
{
        const struct exec_data *d = s->data;
        for (size_t i = 0; i < d->n; i++) {
                if (strcmp(d->views[i].name, name) == 0)
                        return &d->views[i];
        }
        fail_msg("no check %s in the snapshot", name);
        return NULL;
}

/* Wait (on wait_fd, as the scheduler does) until check name has a finished run; the bound is
 * only there so that a broken collector fails instead of hanging the suite. */
static struct snap *wait_for_run(struct fixture *f, const char *name)
{
        for (int i = 0; i < 300; i++) {
                struct pollfd p = {.fd = f->ctx.wait_fd, .events = POLLIN};
                if (poll(&p, 1, 100) == 1)
                        exec_module.fd_ready(&f->ctx);
                struct snap *s = poll_snap(f);
                if (view(s, name)->run)
                        return s;
                snap_free(s);
        }
        fail_msg("check %s never finished", name);
        return NULL;
}

static void test_poll_serves_rows_before_any_run_finished(void **state)
{
        struct fixture *f = *state;
        line(f, "exec", "slow /bin/sleep 30");
        assert_int_equal(exec_module.init(&f->ctx), 0);
        assert_true(f->ctx.wait_fd >= 0);
        struct snap *s = poll_snap(f);
        const struct exec_view *v = view(s, "slow");
        assert_null(v->run);
        assert_true(v->running);
        assert_int_equal(s->health, SRVH_HEALTH_UNKNOWN);
        assert_int_equal(s->tables[0].n, 1);
        assert_int_equal(s->tables[1].n, 0);
        snap_free(s);
}

static void test_finished_run_is_served_with_status_output_and_index(void **state)
{
        struct fixture *f = *state;
        line(f, "exec", "hello /bin/echo hello world");
        line(f, "sh", "crit /bin/echo CRITICAL - bad; exit 2");
        assert_int_equal(exec_module.init(&f->ctx), 0);
        snap_free(wait_for_run(f, "hello"));
        struct snap *s = wait_for_run(f, "crit");
        const struct exec_view *h = view(s, "hello");
        assert_non_null(h->run);
        assert_true(h->run->exited);
        assert_int_equal(h->run->exit_code, 0);
        assert_string_equal(h->run->out->lines[0], "hello world");
        const struct exec_view *c = view(s, "crit");
        assert_int_equal(c->run->exit_code, 2);
        assert_int_equal(c->run->status, SRVH_HEALTH_CRITICAL);
        assert_int_equal(s->health, SRVH_HEALTH_CRITICAL);
        assert_non_null(strstr(s->message, "crit: critical: CRITICAL - bad"));
        /* rows sorted by the string index: "crit" (4) before "hello" (5) */
        size_t n;
        const uint32_t *idx = mib_row_index(&s->tables[0].v[0], &n);
        assert_int_equal(n, 5);
        assert_int_equal(idx[0], 4);
        assert_int_equal(idx[1], 'c');
        assert_int_equal(mib_rows_check(&s->tables[0], "srvhExtTable", NULL, 0), 0);
        assert_int_equal(mib_rows_check(&s->tables[1], "srvhExtOutputTable", NULL, 0), 0);
        /* the next run is due one interval later: the scheduler is told */
        assert_true(f->ctx.next_wake_ms > mono_ms());
        snap_free(s);
}

static void test_a_hanging_check_does_not_hold_up_another(void **state)
{
        struct fixture *f = *state;
        line(f, "exec", "hang /bin/sleep 30");
        line(f, "exec", "quick /bin/echo done");
        line(f, "execParallel", "2");
        assert_int_equal(exec_module.init(&f->ctx), 0);
        struct snap *s = wait_for_run(f, "quick");
        assert_string_equal(view(s, "quick")->run->out->lines[0], "done");
        assert_true(view(s, "hang")->running);
        assert_null(view(s, "hang")->run);
        snap_free(s);
}

static void test_timeout_kills_the_check_and_the_row_says_so(void **state)
{
        struct fixture *f = *state;
        line(f, "sh", "hang /bin/sleep 30 & /bin/sleep 30");
        line(f, "execTimeout", "hang 1");
        assert_int_equal(exec_module.init(&f->ctx), 0);
        struct snap *s = wait_for_run(f, "hang");
        const struct exec_run *r = view(s, "hang")->run;
        assert_true(r->timed_out);
        assert_false(r->exited);
        assert_int_equal(r->term_signal, 15);
        assert_int_equal(r->status, SRVH_HEALTH_UNKNOWN);
        assert_non_null(strstr(s->message, "hang: timed out after 1 s"));
        snap_free(s);
}

static void test_a_missing_program_is_a_run_error(void **state)
{
        struct fixture *f = *state;
        line(f, "exec", "gone /nonexistent/check_it");
        assert_int_equal(exec_module.init(&f->ctx), 0);
        struct snap *s = wait_for_run(f, "gone");
        const struct exec_run *r = view(s, "gone")->run;
        assert_int_equal(r->run_error, -ENOENT);
        assert_non_null(strstr(r->error, "cannot run /nonexistent/check_it"));
        assert_int_equal(r->status, SRVH_HEALTH_UNKNOWN);
        snap_free(s);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        const struct CMUnitTest tests[] = {
            T(test_poll_serves_rows_before_any_run_finished),
            T(test_finished_run_is_served_with_status_output_and_index),
            T(test_a_hanging_check_does_not_hold_up_another),
            T(test_timeout_kills_the_check_and_the_row_says_so),
            T(test_a_missing_program_is_a_run_error),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
