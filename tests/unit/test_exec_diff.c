/* The exec notifications (src/exec/exec_diff.c) and the Nagios status mapping: failed when a
 * check turns non-ok, again when its state changes, recovered when it is ok again, nothing for
 * checks that have not run. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "exec/exec_model.h"
#include "srvhealth/oids.h"

static struct exec_run *make_run(int code, const char *line)
{
        struct exec_run *r = calloc(1, sizeof(*r));
        assert_non_null(r);
        atomic_init(&r->refs, 1);
        r->exited = true;
        r->exit_code = code;
        r->status = exec_run_status(true, code, 0);
        struct exec_output_caps caps = {10, EXEC_LINE_MAX};
        assert_int_equal(exec_output_parse(line, strlen(line), &caps, &r->out), 0);
        return r;
}

/* One snapshot payload with one check "disk" (run NULL: not run yet). */
static struct exec_data *data_with(struct exec_run *run)
{
        struct exec_data *d = calloc(1, sizeof(*d));
        assert_non_null(d);
        d->views = calloc(1, sizeof(*d->views));
        assert_non_null(d->views);
        snprintf(d->views[0].name, sizeof(d->views[0].name), "disk");
        d->views[0].run = run;
        d->n = 1;
        return d;
}

static void test_status_follows_nagios_exit_codes(void **state)
{
        (void)state;
        assert_int_equal(exec_run_status(true, 0, 0), SRVH_HEALTH_OK);
        assert_int_equal(exec_run_status(true, 1, 0), SRVH_HEALTH_WARNING);
        assert_int_equal(exec_run_status(true, 2, 0), SRVH_HEALTH_CRITICAL);
        assert_int_equal(exec_run_status(true, 3, 0), SRVH_HEALTH_UNKNOWN);
        assert_int_equal(exec_run_status(true, 127, 0), SRVH_HEALTH_UNKNOWN);
        assert_int_equal(exec_run_status(false, 0, 0), SRVH_HEALTH_UNKNOWN); /* killed */
        assert_int_equal(exec_run_status(false, 0, -ENOENT), SRVH_HEALTH_UNKNOWN);
}

static void test_first_snapshot_raises_only_non_ok_checks(void **state)
{
        (void)state;
        struct event_list ev = {0};
        struct exec_data *ok = data_with(make_run(0, "DISK OK"));
        assert_int_equal(exec_diff(NULL, ok, &ev), 0);
        assert_int_equal(ev.n, 0);
        struct exec_data *crit = data_with(make_run(2, "DISK CRITICAL - / 99%\nmore"));
        assert_int_equal(exec_diff(NULL, crit, &ev), 0);
        assert_int_equal(ev.n, 1);
        assert_int_equal(ev.v[0].trap, SRVH_TRAP_CHECK_FAILED);
        assert_int_equal(ev.v[0].severity, SRVH_HEALTH_CRITICAL);
        assert_string_equal(ev.v[0].object, "disk");
        assert_string_equal(ev.v[0].new_state, "critical");
        assert_string_equal(ev.v[0].old_state, "");
        assert_string_equal(ev.v[0].text, "DISK CRITICAL - / 99%");
        assert_int_equal(ev.v[0].value, 2);
        event_list_free(&ev);
        exec_data_free(ok);
        exec_data_free(crit);
}

static void test_failed_then_escalated_then_recovered(void **state)
{
        (void)state;
        struct event_list ev = {0};
        struct exec_data *a = data_with(make_run(0, "OK"));
        struct exec_data *b = data_with(make_run(1, "WARN"));
        struct exec_data *c = data_with(make_run(2, "CRIT"));
        struct exec_data *d = data_with(make_run(0, "OK again"));
        assert_int_equal(exec_diff(a, b, &ev), 0);
        assert_int_equal(exec_diff(b, c, &ev), 0);
        assert_int_equal(exec_diff(c, c, &ev), 0); /* same run served twice: nothing */
        assert_int_equal(exec_diff(c, d, &ev), 0);
        assert_int_equal(ev.n, 3);
        assert_int_equal(ev.v[0].trap, SRVH_TRAP_CHECK_FAILED);
        assert_string_equal(ev.v[0].old_state, "ok");
        assert_int_equal(ev.v[1].trap, SRVH_TRAP_CHECK_FAILED);
        assert_string_equal(ev.v[1].new_state, "critical");
        assert_string_equal(ev.v[1].old_state, "warning");
        assert_int_equal(ev.v[2].trap, SRVH_TRAP_CHECK_RECOVERED);
        assert_int_equal(ev.v[2].severity, SRVH_HEALTH_OK);
        assert_string_equal(ev.v[2].old_state, "critical");
        assert_string_equal(ev.v[2].text, "OK again");
        event_list_free(&ev);
        exec_data_free(a);
        exec_data_free(b);
        exec_data_free(c);
        exec_data_free(d);
}

static void test_check_without_a_run_raises_nothing(void **state)
{
        (void)state;
        struct event_list ev = {0};
        struct exec_data *none = data_with(NULL);
        struct exec_data *crit = data_with(make_run(2, "CRIT"));
        assert_int_equal(exec_diff(NULL, none, &ev), 0);
        assert_int_equal(ev.n, 0);
        assert_int_equal(exec_diff(none, crit, &ev), 0); /* first finished run counts */
        assert_int_equal(ev.n, 1);
        assert_string_equal(ev.v[0].old_state, "");
        event_list_free(&ev);
        exec_data_free(none);
        exec_data_free(crit);
}

static void test_timed_out_run_says_so(void **state)
{
        (void)state;
        struct exec_run *r = make_run(0, "");
        r->exited = false;
        r->timed_out = true;
        r->term_signal = 15;
        r->status = exec_run_status(false, 0, 0);
        struct exec_data *t = data_with(r);
        struct event_list ev = {0};
        assert_int_equal(exec_diff(NULL, t, &ev), 0);
        assert_int_equal(ev.n, 1);
        assert_string_equal(ev.v[0].new_state, "unknown");
        assert_non_null(strstr(ev.v[0].text, "timed out"));
        assert_int_equal(ev.v[0].value, 0);
        event_list_free(&ev);
        exec_data_free(t);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_status_follows_nagios_exit_codes),
            cmocka_unit_test(test_first_snapshot_raises_only_non_ok_checks),
            cmocka_unit_test(test_failed_then_escalated_then_recovered),
            cmocka_unit_test(test_check_without_a_run_raises_nothing),
            cmocka_unit_test(test_timed_out_run_says_so),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
